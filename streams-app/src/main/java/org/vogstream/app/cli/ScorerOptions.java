package org.vogstream.app.cli;

import java.nio.file.Path;
import org.vogstream.core.cli.FlagCheck;
import org.vogstream.core.score.DeviceSpec;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.ScorerConfig;
import picocli.CommandLine.Option;

/** Options shared by the commands that score: which model set, on what, in which batches. */
final class ScorerOptions {
    @Option(names = "--model-dir", required = true, paramLabel = "DIR",
            description = "Checkpoint directory (its last 3 .onnx files) or a graph compiled by vog compile.")
    Path modelDir;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE",
            description = "cpu or cuda[:i] (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "Cores to use; 0 = all. The VoG scorer runs a batch as that many one-thread chunks at"
                    + " once on the CPU; other sessions take it as ONNX Runtime's intra-op threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N",
            description = "Examples per model call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    /** The scorer's settings, once the flags are checked (every scoring command asks before it scores). */
    ScorerConfig config() {
        FlagCheck.atLeast("--batch-size", batchSize, 1);
        FlagCheck.require(threads >= 0, "--threads", "at least 0 (0: one per core)", threads);
        return new ScorerConfig(DeviceSpec.parse(device), threads);
    }

    /** The model set, checkpoints compiled in the form for the device. */
    ModelSet modelSet() {
        return ModelSet.load(modelDir, config().device());
    }
}

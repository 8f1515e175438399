package org.vogstream.train.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vogstream.core.bench.BenchInputs;
import org.vogstream.core.bench.InterleavedThroughput;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.core.score.VogScorer;
import org.vogstream.train.model.Architecture;
import org.vogstream.train.oracle.AutogradVog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vog-train bench}: PyTorch autograd VoG beside the fused ONNX graph, same checkpoints and batches. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Examples/s of VoG by PyTorch autograd (K backward passes, DJL) and by the fused ONNX graph,"
                + " on the same checkpoints and inputs.")
public final class AutogradBenchCommand implements Callable<Integer> {
    @Option(names = "--model-dir", required = true, paramLabel = "DIR", description = "Checkpoints written by vog-train train.")
    Path modelDir;

    @Option(names = "--model", defaultValue = "lenet", description = "Their architecture (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--batch", split = ",", defaultValue = "1,64,256", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--seconds", defaultValue = "3", description = "Seconds per cell (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ModelSet set = ModelSet.load(modelDir);
        if (set.checkpoints().isEmpty()) {
            // the autograd baseline differentiates the checkpoints themselves; a compiled graph holds none
            throw new IllegalArgumentException(modelDir + " is a compiled graph: the autograd baseline needs the checkpoint"
                    + " directory (--model-dir)");
        }
        BenchInputs inputs = BenchInputs.of(set, modelDir);
        var w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "model set %s (%s), %.1f s per cell in %d rounds that take turns%n", set.id(), model, seconds,
                InterleavedThroughput.ROUNDS);
        w.println("inputs: " + inputs.source());
        w.printf(Locale.ROOT, "%6s %16s %16s %10s%n", "batch", "autograd ex/s", "fused ex/s", "fused/ag");
        try (AutogradVog autograd = AutogradVog.load(Architecture.named(model), set.checkpoints());
                VogScorer fused = VogScorer.open(set, ScorerConfig.defaults())) {
            for (int n : batches) {
                float[] flat = inputs.flatBatch(n);
                List<float[]> examples = inputs.batch(n);
                double[] rates = InterleavedThroughput.measure(n, seconds, () -> autograd.vog(flat, n, null),
                        () -> fused.score(examples));
                double a = rates[0];
                double f = rates[1];
                w.printf(Locale.ROOT, "%6d %16.0f %16.0f %10.2f%n", n, a, f, f / a);
                w.flush();
            }
        }
        return 0;
    }
}

package org.vogstream.train.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vogstream.core.bench.BenchInputs;
import org.vogstream.core.bench.InterleavedThroughput;
import org.vogstream.core.cli.JobCommand;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.core.score.VogScorer;
import org.vogstream.train.model.Architecture;
import org.vogstream.train.oracle.AutogradVog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vog-train bench}: PyTorch autograd VoG beside the fused ONNX graph, same checkpoints and batches. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Examples/s of VoG by PyTorch autograd (K backward passes, DJL) and by the fused ONNX graph,"
                + " on the same checkpoints and inputs.")
public final class AutogradBenchCommand extends JobCommand {
    private static final int CHECKED = 64;
    /** float32 against float64 VoG: the oracle test's bound. */
    private static final double AGREEMENT = 1e-4;

    @Option(names = "--model-dir", required = true, paramLabel = "DIR", description = "Checkpoints written by vog-train train.")
    Path modelDir;

    @Option(names = "--model", defaultValue = "lenet", description = "Their architecture (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--batch", split = ",", defaultValue = "1,64,256", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--seconds", defaultValue = "3", description = "Seconds per cell (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Override
    public Integer call() throws IOException {
        ModelSet set = ModelSet.load(modelDir);
        if (set.checkpoints().isEmpty()) {
            // the autograd baseline differentiates the checkpoints themselves; a compiled graph holds none
            throw new IllegalArgumentException(modelDir + " is a compiled graph: the autograd baseline needs the checkpoint"
                    + " directory (--model-dir)");
        }
        BenchInputs inputs = BenchInputs.of(set, modelDir);
        var w = out();
        w.printf(Locale.ROOT, "model set %s (%s), %.1f s per cell in %d rounds that take turns%n", set.id(), model, seconds,
                InterleavedThroughput.ROUNDS);
        w.println("inputs: " + inputs.source());
        Architecture arch = Architecture.named(model);
        try (AutogradVog autograd = AutogradVog.float32(arch, set.checkpoints());
                VogScorer fused = VogScorer.open(set, ScorerConfig.defaults())) {
            w.println(float32Agreement(autograd, arch, set, inputs));
            w.printf(Locale.ROOT, "%6s %16s %16s %10s%n", "batch", "autograd ex/s", "fused ex/s", "fused/ag");
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

    /**
     * The timed float32 baseline against the float64 oracle on one batch: on some CPUs PyTorch's
     * float32 convolution gradient is wrong (AutogradVog), and a rate of a wrong computation must say so.
     */
    private static String float32Agreement(AutogradVog float32, Architecture arch, ModelSet set, BenchInputs inputs) {
        int n = CHECKED;
        float[] flat = inputs.flatBatch(n);
        double[] fast = float32.vog(flat, n, null);
        double[] exact;
        try (AutogradVog oracle = AutogradVog.float64(arch, set.checkpoints())) {
            exact = oracle.vog(flat, n, null);
        }
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(fast[i] - exact[i]) / exact[i]);
        }
        String line = String.format(Locale.ROOT, "autograd float32 vs float64 on %d inputs: VoG differs by %.1e at most", n,
                worst);
        return worst <= AGREEMENT ? line : line + " (PyTorch's float32 gradients are wrong on this CPU: the autograd"
                + " column times a wrong computation)";
    }
}

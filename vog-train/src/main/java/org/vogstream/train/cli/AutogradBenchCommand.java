package org.vogstream.train.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
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
    public Integer call() {
        ModelSet set = ModelSet.load(modelDir);
        if (set.checkpoints().isEmpty()) {
            // the autograd baseline differentiates the checkpoints themselves; a compiled graph holds none
            throw new IllegalArgumentException(modelDir + " is a compiled graph: the autograd baseline needs the checkpoint"
                    + " directory (--model-dir)");
        }
        var w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "model set %s (%s), %.1f s per cell%n", set.id(), model, seconds);
        w.printf(Locale.ROOT, "%6s %16s %16s %10s%n", "batch", "autograd ex/s", "fused ex/s", "fused/ag");
        try (AutogradVog autograd = AutogradVog.load(Architecture.named(model), set.checkpoints());
                VogScorer fused = VogScorer.open(set, ScorerConfig.defaults())) {
            for (int n : batches) {
                Random r = new Random(3);
                float[] flat = new float[n * set.exampleSize()];
                List<float[]> examples = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    float[] x = new float[set.exampleSize()];
                    for (int j = 0; j < x.length; j++) {
                        x[j] = r.nextFloat();
                    }
                    System.arraycopy(x, 0, flat, i * x.length, x.length);
                    examples.add(x);
                }
                double a = throughput(() -> autograd.vog(flat, n, null), n);
                double f = throughput(() -> fused.score(examples), n);
                w.printf(Locale.ROOT, "%6d %16.0f %16.0f %10.2f%n", n, a, f, f / a);
                w.flush();
            }
        }
        return 0;
    }

    private double throughput(Runnable run, int n) {
        for (long warm = System.nanoTime() + 500_000_000L; System.nanoTime() < warm; ) {
            run.run();
        }
        long start = System.nanoTime();
        long runs = 0;
        while (System.nanoTime() - start < seconds * 1e9) {
            run.run();
            runs++;
        }
        return runs * (double) n / ((System.nanoTime() - start) / 1e9);
    }
}

package org.vogstream.app.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Locale;
import org.vogstream.core.bench.BenchInputs;
import org.vogstream.core.bench.InterleavedThroughput;
import org.vogstream.core.cli.FlagCheck;
import org.vogstream.core.cli.JobCommand;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.OnnxSession;
import org.vogstream.core.score.OpProfile;
import org.vogstream.core.score.UnfusedVog;
import org.vogstream.core.score.VogScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vog bench}: throughput of the latest checkpoint's forward pass, of the fused VoG graph and
 * of the unfused way, measured in one run on the same model set and inputs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure examples/s of forward-only, fused VoG and unfused VoG (K gradient graphs + Java"
                + " reduction) on the same model set and inputs.")
public final class BenchCommand extends JobCommand {
    private static final int REFERENCE_BATCH = 64;
    private static final int PROFILE_RUNS = 50;
    private static final int PROFILE_NODES = 10;

    @Mixin
    ScorerOptions scorer;

    @Option(names = "--batch", split = ",", defaultValue = "1,8,64,256", paramLabel = "N[,N...]",
            description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--seconds", defaultValue = "3", paramLabel = "S",
            description = "Measuring time per method and batch size, in " + InterleavedThroughput.ROUNDS
                    + " rounds that take turns"
                    + " (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--profile", description = "Also profile the fused graph on a batch of " + REFERENCE_BATCH
            + " with ONNX Runtime's profiler (" + PROFILE_RUNS + " runs) and print its kernel time per op type and its"
            + " costliest nodes.")
    boolean profile;

    @Override
    public Integer call() throws IOException {
        FlagCheck.require(batches.stream().allMatch(n -> n >= 1), "--batch sizes", "at least 1", batches);
        FlagCheck.require(seconds > 0, "--seconds", "more than 0", seconds);
        ModelSet set = scorer.modelSet();
        BenchInputs inputs = BenchInputs.of(set, scorer.modelDir);
        // a compiled graph (vog compile) holds no checkpoint: only the fused column can be measured on it
        boolean fromCheckpoints = !set.checkpoints().isEmpty();
        PrintWriter out = out();
        out.printf(Locale.ROOT, "model set %s: input %s, %d classes, %s, device %s, %s threads, %.1f s per cell%n",
                set.id(), java.util.Arrays.toString(set.exampleDims()), set.classes(),
                fromCheckpoints ? "K=" + set.checkpoints().size() : "compiled graph",
                scorer.config().device(), scorer.threads == 0 ? "default" : Integer.toString(scorer.threads), seconds);
        out.println("inputs: " + inputs.source());
        out.printf(Locale.ROOT, "%6s %14s %14s %14s %14s %14s%n", "batch", "forward ex/s", "fused ex/s",
                "unfused ex/s", "fused/unfused", "vog/forward");
        out.flush();
        double fusedVsUnfused = Double.NaN;
        double vogVsForward = Double.NaN;
        ModelProto latest = fromCheckpoints ? Checkpoint.read(set.checkpoints().get(set.checkpoints().size() - 1)).model()
                : null;
        try (VogScorer fused = VogScorer.open(set, scorer.config());
                OnnxSession forward = fromCheckpoints ? OnnxSession.load("forward", latest, scorer.config()) : null;
                UnfusedVog unfused = fromCheckpoints ? UnfusedVog.open(set, scorer.config()) : null) {
            for (int n : batches) {
                float[] x = inputs.flatBatch(n);
                List<float[]> examples = inputs.batch(n);
                double[] rates = InterleavedThroughput.measure(n, seconds,
                        forward == null ? null : forwardOnly(forward, latest, set, x, n),
                        () -> fused.score(examples),
                        unfused == null ? null : () -> unfused.vog(x, n));
                double f = rates[0];
                double v = rates[1];
                double u = rates[2];
                out.printf(Locale.ROOT, "%6d %14s %14s %14s %14s %14s%n", n, cell("%.0f", f), cell("%.0f", v),
                        cell("%.0f", u), cell("%.2f", v / u), cell("%.3f", v / f));
                out.flush();
                if (n == REFERENCE_BATCH) {
                    fusedVsUnfused = v / u;
                    vogVsForward = v / f;
                }
            }
        }
        if (profile) {
            printProfile(out, OpProfile.of(set.compiled(), scorer.config(), inputs.flatBatch(REFERENCE_BATCH),
                    REFERENCE_BATCH, set.exampleDims(), PROFILE_RUNS));
        }
        if (!fromCheckpoints) {
            out.println("(" + scorer.modelDir + " is a compiled graph: forward and unfused need the checkpoint directory;"
                    + " the ratios below are NaN)");
        } else if (Double.isNaN(fusedVsUnfused)) {
            out.println("(batch " + REFERENCE_BATCH + " was not measured; the ratios below are NaN)");
        }
        out.printf(Locale.ROOT, "fused_vs_unfused=%.2f%n", fusedVsUnfused);
        out.printf(Locale.ROOT, "vog_vs_forward=%.3f%n", vogVsForward);
        out.flush();
        return 0;
    }

    /** The latest checkpoint's forward pass alone, on the same inputs. */
    private static Runnable forwardOnly(OnnxSession forward, ModelProto latest, ModelSet set,
            float[] x, int n) {
        String inputName = latest.getGraph().getInput(0).getName();
        return () -> forward.run(m -> {
            NDArray input = m.create(FloatBuffer.wrap(x), new Shape(Shapes.withBatch(n, set.exampleDims())));
            input.setName(inputName);
            return new NDList(input);
        }, o -> o.get(0).toFloatArray());
    }

    private static void printProfile(PrintWriter out, OpProfile p) {
        out.printf(Locale.ROOT, "fused graph, batch %d, ONNX Runtime profiler over %d runs: kernel time per run%n",
                REFERENCE_BATCH, p.runs());
        out.printf(Locale.ROOT, "%-24s %10s %8s%n", "op type", "us/run", "share");
        for (OpProfile.Entry e : p.byOpType()) {
            out.printf(Locale.ROOT, "%-24s %10.0f %7.1f%%%n", e.name(), e.microsPerRun(), 100 * e.share());
        }
        out.printf(Locale.ROOT, "%-48s %10s %8s%n", "costliest nodes", "us/run", "share");
        for (OpProfile.Entry e : p.byNode().subList(0, Math.min(PROFILE_NODES, p.byNode().size()))) {
            out.printf(Locale.ROOT, "%-48s %10.0f %7.1f%%%n", e.name(), e.microsPerRun(), 100 * e.share());
        }
        out.flush();
    }

    /** A table cell: the number, or "-" for what was not measured. */
    private static String cell(String format, double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}

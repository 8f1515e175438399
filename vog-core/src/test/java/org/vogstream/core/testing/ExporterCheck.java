package org.vogstream.core.testing;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.compile.CompileOptions;
import org.vogstream.core.compile.CompiledVog;
import org.vogstream.core.compile.VogCompiler;
import org.vogstream.core.compile.VogGraphContract;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.score.VogReduction;

/**
 * Compiles a checkpoint as {@code vog compile} does (K = 2, saliency emitted) and holds the
 * compiled {@code saliency} to central finite differences of the logits tensor of the graph as
 * exported, channel-averaged as docs/design.md §1 says (over the axis {@link CompiledVog#layout} names), for three classes at random inputs. Kinked float32
 * models are held to the criterion of {@code WholeModelFiniteDifferenceTest}.
 */
public final class ExporterCheck {
    private static final VogCompiler COMPILER = new VogCompiler();

    private ExporterCheck() {}

    /** Asserts the match, prints the worst error and returns the compilation. */
    public static CompiledVog assertSaliencyMatchesLogits(String name, ModelProto forward, String logits,
            double tolerance, boolean kinked) {
        CompiledVog compiled = COMPILER.compile(List.of(new Checkpoint(name, forward), new Checkpoint(name, forward)),
                CompileOptions.defaults().withSaliency());
        ValueInfoProto input = dataInput(forward);
        int type = input.getType().getTensorType().getElemType();
        long[] dims = compiled.exampleDims();
        int size = (int) Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        Random random = new Random(name.hashCode());
        double worst = 0;
        double median = 0;
        for (int cls = 0; cls < 3; cls++) {
            double[] x = new double[size];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextDouble() * 2 - 1;
            }
            long[] shape = org.vogstream.core.onnx.Shapes.withBatch(1, dims);
            Map<String, Ort.Tensor> out = Ort.run(compiled.model(), Map.of(VogGraphContract.INPUT,
                    Ort.Tensor.of(type, shape, x), VogGraphContract.TARGET, Ort.Tensor.int64(new long[] {1}, cls)));
            double[] saliency = out.get(VogGraphContract.SALIENCY).values();
            double[] analytic = Arrays.copyOf(saliency, saliency.length / 2);
            double[][] fd = FiniteDifferences.gradients(forward, logits, type, dims, x, cls, FiniteDifferences.step(type));
            fd = new double[][] {saliency(fd[0], compiled), saliency(fd[1], compiled)};
            FiniteDifferences.Comparison cmp = FiniteDifferences.compare(analytic, fd, tolerance);
            FiniteDifferences.assertAgrees(name, cmp, tolerance, kinked);
            worst = Math.max(worst, cmp.maxRelativeError());
            median = Math.max(median, cmp.medianRelativeError());
        }
        System.out.printf(Locale.ROOT, "fixture | %s | %s | FD error max %.2e, median %.2e | %s%n", name,
                ElementType.name(type), worst, median, compiled.summary());
        return compiled;
    }

    /** The channel mean of a gradient, over the axis the compiler took for the channels. */
    private static double[] saliency(double[] gradient, CompiledVog compiled) {
        float[] g = new float[gradient.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) gradient[i];
        }
        return VogReduction.saliency(g, 1, compiled.exampleDims(), compiled.layout());
    }

    private static ValueInfoProto dataInput(ModelProto model) {
        Set<String> initializers = new HashSet<>();
        model.getGraph().getInitializerList().forEach(t -> initializers.add(t.getName()));
        return model.getGraph().getInputList().stream().filter(v -> !initializers.contains(v.getName())).findFirst()
                .orElseThrow();
    }
}

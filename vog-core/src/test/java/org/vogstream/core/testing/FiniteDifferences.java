package org.vogstream.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.vogstream.core.onnx.GraphBuilder;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.Shapes;

/**
 * Central finite differences of one logit with respect to one example's input, computed by running
 * the ORIGINAL forward graph on ONNX Runtime (all perturbed copies in one batch).
 *
 * <p>Each coordinate is differenced with steps h and h/2. Where the two disagree, a kink (ReLU,
 * max-pool switch, clip bound) lies within the step and the derivative there is not defined
 * by differences; such coordinates are counted and left out of the comparison.
 */
public final class FiniteDifferences {
    /**
     * @param maxRelativeError max |fd − analytic| over smooth coordinates, divided by max |analytic|
     * @param medianRelativeError the median of the same
     * @param smooth coordinates compared
     * @param withinTolerance compared coordinates whose error is within the consistency tolerance
     * @param total coordinates of the example
     */
    public record Comparison(double maxRelativeError, double medianRelativeError, int smooth, int withinTolerance,
            int total) {}

    private FiniteDifferences() {}

    /** Step for each element type: small in double, large enough to beat float32 rounding in float. */
    public static double step(int type) {
        return type == ElementType.DOUBLE ? 1e-5 : 1e-2;
    }

    /** The gradient of logit {@code cls} at {@code x} (one example), by central differences. */
    public static double[][] gradients(ModelProto forward, String logits, int type, long[] exampleDims, double[] x,
            int cls, double h) {
        int p = x.length;
        double[] batch = new double[4 * p * p];
        double[] steps = {h, -h, h / 2, -h / 2};
        for (int i = 0; i < p; i++) {
            for (int s = 0; s < 4; s++) {
                int row = 4 * i + s;
                System.arraycopy(x, 0, batch, row * p, p);
                batch[row * p + i] += steps[s];
            }
        }
        long[] shape = Shapes.withBatch(4L * p, exampleDims);
        Ort.Tensor out = run(forward, logits, Ort.Tensor.of(type, shape, batch));
        int classes = (int) out.shape()[1];
        double[] full = new double[p];
        double[] half = new double[p];
        for (int i = 0; i < p; i++) {
            double[] z = new double[4];
            for (int s = 0; s < 4; s++) {
                z[s] = out.values()[(4 * i + s) * classes + cls];
            }
            full[i] = (z[0] - z[1]) / (2 * h);
            half[i] = (z[2] - z[3]) / h;
        }
        return new double[][] {full, half};
    }

    /**
     * The {@code logits} rows of the original graph for a batch: {@code logits} is declared an
     * output when it is an intermediate (the input of a final Softmax), and a graph exported with a
     * fixed batch size is run that many examples at a time.
     */
    private static Ort.Tensor run(ModelProto forward, String logits, Ort.Tensor batch) {
        GraphProto graph = forward.getGraph();
        Set<String> initializers = new HashSet<>();
        graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
        ValueInfoProto input = graph.getInputList().stream().filter(v -> !initializers.contains(v.getName()))
                .findFirst().orElseThrow();
        ModelProto model = forward;
        if (graph.getOutputList().stream().noneMatch(o -> o.getName().equals(logits))) {
            model = forward.toBuilder().setGraph(graph.toBuilder()
                    .addOutput(GraphBuilder.valueInfo(logits, batch.type()))).build();
        }
        TensorShapeProto.Dimension batchDim = input.getType().getTensorType().getShape().getDim(0);
        if (batchDim.hasDimValue() && batchDim.getDimValue() > 0) {
            return Ort.runInFixedBatches(model, input.getName(), logits, batch, (int) batchDim.getDimValue());
        }
        return Ort.run(model, Map.of(input.getName(), batch)).get(logits);
    }

    /**
     * Asserts an agreement: every coordinate within the tolerance for models without kinks at the
     * step used; for float32 models with ReLU or max-pool kinks, 80% of the coordinates away from
     * detected kinks, with a median error a tenth of the tolerance (WholeModelFiniteDifferenceTest
     * says why).
     */
    public static void assertAgrees(String name, Comparison cmp, double tolerance, boolean kinked) {
        if (kinked) {
            assertTrue(cmp.withinTolerance() >= 0.8 * cmp.smooth(), name + ": " + cmp);
            assertTrue(cmp.medianRelativeError() <= tolerance / 10, name + ": " + cmp);
        } else {
            assertTrue(cmp.smooth() == cmp.total(), name + ": kinks in a smooth model? " + cmp);
            assertTrue(cmp.maxRelativeError() <= tolerance, name + ": " + cmp);
        }
    }

    /** Compares an analytic gradient with differences, leaving out coordinates next to a kink. */
    public static Comparison compare(double[] analytic, double[][] differences, double consistency) {
        double scale = Arrays.stream(analytic).map(Math::abs).max().orElse(0);
        scale = Math.max(scale, 1e-12);
        double[] errors = new double[analytic.length];
        int smooth = 0;
        int within = 0;
        for (int i = 0; i < analytic.length; i++) {
            double full = differences[0][i];
            double half = differences[1][i];
            if (Math.abs(full - half) > consistency * scale) {
                continue;
            }
            errors[smooth] = Math.abs(half - analytic[i]) / scale;
            within += errors[smooth] <= consistency ? 1 : 0;
            smooth++;
        }
        double[] compared = Arrays.copyOf(errors, smooth);
        Arrays.sort(compared);
        double worst = smooth == 0 ? Double.NaN : compared[smooth - 1];
        double median = smooth == 0 ? Double.NaN : compared[smooth / 2];
        return new Comparison(worst, median, smooth, within, analytic.length);
    }
}

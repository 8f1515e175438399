package org.vogstream.core.testing;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.Arrays;
import java.util.Map;
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
        Ort.Tensor out = Ort.run(forward, Map.of(ModelFixture.X, Ort.Tensor.of(type, shape, batch))).get(logits);
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

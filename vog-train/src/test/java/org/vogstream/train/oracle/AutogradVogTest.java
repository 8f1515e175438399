package org.vogstream.train.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vogstream.core.score.ModelSet;
import org.vogstream.train.data.LabeledImages;
import org.vogstream.train.model.Architecture;
import org.vogstream.train.testing.HeldOutDigits;

/**
 * The oracle checked on its own, without the fused graph: its input gradients against central
 * finite differences of the same float64 PyTorch forward, on real digits of the bundled checkpoints.
 *
 * <p>The digits get a jitter of 1e-3: a digit's blank background makes whole max-pool windows tie,
 * where a difference measures half the slope and autograd picks one element. With distinct
 * values and a float64 step of 1e-6 no kink lies within a step, so LeNet's logits are linear over
 * it and the differences are exact up to rounding (≈ 1e-9 of the gradient's scale).
 */
class AutogradVogTest {
    private static final double STEP = 1e-6;
    private static final double TOLERANCE = 1e-6;
    private static final int DIGITS = 3;
    private static AutogradVog oracle;
    private static double[][] inputs;

    @BeforeAll
    static void load() {
        oracle = AutogradVog.float64(Architecture.lenet(), ModelSet.load(HeldOutDigits.MODEL_DIR).checkpoints());
        LabeledImages digits = HeldOutDigits.load().head(DIGITS);
        Random random = new Random(5);
        inputs = new double[DIGITS][];
        for (int e = 0; e < DIGITS; e++) {
            float[] digit = digits.example(e);
            inputs[e] = new double[digit.length];
            for (int i = 0; i < digit.length; i++) {
                inputs[e][i] = digit[i] + 1e-3 * random.nextDouble();
            }
        }
    }

    @AfterAll
    static void close() {
        oracle.close();
    }

    @Test
    void shouldMatchFiniteDifferencesOfItsOwnForwardOnEveryCheckpoint() {
        assertEquals(3, oracle.checkpointCount());
        for (int e = 0; e < DIGITS; e++) {
            double[][] gradients = oracle.gradients(inputs[e], 1, null);
            int predicted = predicted(e);
            for (int k = 0; k < gradients.length; k++) {
                double error = relativeError(gradients[k], finiteDifferences(k, inputs[e], predicted));
                System.out.printf("oracle vs finite differences, digit %d, checkpoint %d: %.2e%n", e, k, error);
                assertTrue(error <= TOLERANCE, "digit " + e + ", checkpoint " + k + ": autograd differs from finite"
                        + " differences by " + error + " of the gradient's largest entry");
            }
        }
    }

    @Test
    void shouldTellAPerturbedGradientFromFiniteDifferences() {
        double[] gradient = oracle.gradients(inputs[0], 1, null)[2];
        double[] fd = finiteDifferences(2, inputs[0], predicted(0));
        int largest = 0;
        for (int i = 1; i < gradient.length; i++) {
            largest = Math.abs(gradient[i]) > Math.abs(gradient[largest]) ? i : largest;
        }
        // one pixel off by 1e-5 of the scale: the VoG test's 1e-4 tolerance would let it through, this check not
        gradient[(largest + 7) % gradient.length] += 1e-5 * Math.abs(gradient[largest]);
        assertTrue(relativeError(gradient, fd) > TOLERANCE, "a perturbed gradient passed the check");
    }

    private static int predicted(int example) {
        double[] logits = oracle.logits(oracle.checkpointCount() - 1, inputs[example], 1);
        int best = 0;
        for (int c = 1; c < logits.length; c++) {
            best = logits[c] > logits[best] ? c : best;
        }
        return best;
    }

    /** Central differences of checkpoint k's logit of class c, every pixel's two steps in one batch. */
    private static double[] finiteDifferences(int k, double[] x, int c) {
        int p = x.length;
        double[] batch = new double[2 * p * p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(x, 0, batch, 2 * i * p, p);
            System.arraycopy(x, 0, batch, (2 * i + 1) * p, p);
            batch[2 * i * p + i] += STEP;
            batch[(2 * i + 1) * p + i] -= STEP;
        }
        double[] logits = oracle.logits(k, batch, 2 * p);
        int classes = logits.length / (2 * p);
        double[] fd = new double[p];
        for (int i = 0; i < p; i++) {
            fd[i] = (logits[2 * i * classes + c] - logits[(2 * i + 1) * classes + c]) / (2 * STEP);
        }
        return fd;
    }

    /** max |a − b| over max |b|. */
    private static double relativeError(double[] a, double[] b) {
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return worst / scale;
    }
}

package org.vogstream.detect.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class UpperTailTest {
    private static QuantileGrid exponential(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -Math.log(1 - r.nextDouble());
        }
        return QuantileGrid.of(x);
    }

    @Test
    void shouldGiveTheTrueSurpriseOfAnExponentialReferenceFarBeyondItsLargestValue() {
        QuantileGrid grid = exponential(20000, 1);
        // for Exp(1), −log P(X > x) = x
        for (double x : new double[] {0.5, 1, 2, 3, 5, 10, 20}) {
            assertEquals(x, UpperTail.surprise(grid, x), 0.05 * x + 0.02, "at " + x);
        }
    }

    @Test
    void shouldKeepGrowingPastTheReferenceAndMeetTheEmpiricalTailAtTheKnee() {
        QuantileGrid grid = exponential(500, 2);
        double max = grid.quantile(1);
        assertTrue(UpperTail.surprise(grid, max + 1) > UpperTail.surprise(grid, max), "no floor past the largest value");
        double knee = grid.quantile(UpperTail.KNEE);
        assertEquals(-Math.log(0.1), UpperTail.surprise(grid, knee), 1e-9);
        assertEquals(-Math.log(0.1), UpperTail.surprise(grid, knee + 1e-12), 1e-6, "continuous at the knee");
        assertEquals(0, UpperTail.surprise(grid, grid.quantile(0) - 1), 0);
    }

    @Test
    void shouldStayFiniteWhenTheReferencesTopTenthIsOneValue() {
        double[] x = new double[100];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(i, 50);
        }
        QuantileGrid grid = QuantileGrid.of(x);
        assertEquals(-Math.log(0.1), UpperTail.surprise(grid, 50), 1e-9, "at the flat top itself: the knee's surprise");
        double s = UpperTail.surprise(grid, 51);
        assertTrue(Double.isFinite(s) && s > 1e6, "past a flat top: far out, and finite: " + s);
        assertEquals(-Math.log(0.1), UpperTail.surprise(QuantileGrid.of(new double[] {3}), 3), 1e-9, "a reference of one");
    }

    @Test
    void shouldNeverDecreaseWhenManyReferenceValuesTieAtTheKnee() {
        double[] x = new double[1000];
        Random r = new Random(3);
        for (int i = 0; i < x.length; i++) {
            // 5% of the reference at exactly the 90th percentile's value, like a repeated example
            x[i] = i < 875 ? r.nextDouble() : i < 925 ? 1.0 : 1 + r.nextDouble();
        }
        QuantileGrid grid = QuantileGrid.of(x);
        double previous = 0;
        for (double v = 0.9; v < 1.2; v += 0.001) {
            double s = UpperTail.surprise(grid, v);
            assertTrue(s >= previous - 1e-12, "surprise fell from " + previous + " to " + s + " at " + v);
            previous = s;
        }
    }
}

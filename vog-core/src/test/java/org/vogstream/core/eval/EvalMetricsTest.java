package org.vogstream.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EvalMetricsTest {
    // in-distribution and OoD scores with a tie at 0.4 across the two sets
    private static final double[] IN = {0.1, 0.4, 0.35, 0.8};
    private static final double[] OUT = {0.4, 0.9};

    @Test
    void shouldComputeAurocCountingTiesAsHalf() {
        // 0.4 beats 0.1 and 0.35, ties 0.4, loses to 0.8 (2.5); 0.9 beats all four (4): 6.5 / 8
        assertEquals(0.8125, OodMetrics.auroc(IN, OUT), 1e-12);
        assertEquals(1.0, OodMetrics.auroc(new double[] {0, 1}, new double[] {2, 3}), 1e-12);
        assertEquals(0.5, OodMetrics.auroc(new double[] {1, 1}, new double[] {1}), 1e-12);
    }

    @Test
    void shouldComputeAveragePrecisionWithTiedScoresMovingTogether() {
        // OoD positive: 0.9 (P) gives precision 1 at recall ½; the tie at 0.4 (P and N) gives 2/4 at recall 1
        assertEquals(0.75, OodMetrics.auprOut(IN, OUT), 1e-12);
        // in-distribution positive on negated scores: ¼·(1 + 1 + ¾ + ⅘)
        assertEquals(0.8875, OodMetrics.auprIn(IN, OUT), 1e-12);
    }

    @Test
    void shouldComputeFprAtNinetyFiveTpr() {
        // catching both OoD scores needs threshold 0.4, which flags 0.4 and 0.8 of the four in-distribution scores
        assertEquals(0.5, OodMetrics.fprAt95(IN, OUT), 1e-12);
    }

    @Test
    void shouldMatchATextbookWelchTest() {
        // Welch's t-test, example 1 of its Wikipedia article: t ≈ −2.46, ν ≈ 25.0, p ≈ 0.021
        // (t, ν and p recomputed independently with Python by numerical integration: −2.4554, 24.989, 0.02138)
        double[] a = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
        double[] b = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
        WelchTTest w = WelchTTest.of(a, b);
        assertEquals(-2.45536, w.t(), 1e-4);
        assertEquals(24.9885, w.df(), 1e-3);
        assertEquals(0.021378, w.p(), 1e-5);
    }

    @Test
    void shouldGiveErrorRatesPerDecileLowestScoresFirst() {
        double[] scores = new double[20];
        boolean[] wrong = new boolean[20];
        for (int i = 0; i < 20; i++) {
            scores[i] = 19 - i;
            wrong[i] = i < 2;
        }
        double[] rates = ErrorByDecile.of(scores, wrong);
        assertEquals(10, rates.length);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, rates, 1e-12);
    }
}

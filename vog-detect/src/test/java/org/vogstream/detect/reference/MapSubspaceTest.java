package org.vogstream.detect.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The subspace statistic on generated normalized maps whose cells vary in known patterns. */
class MapSubspaceTest {
    private static final int CELLS = 120;

    /**
     * Like a class's normalized maps, every cell has unit variance: cells 0-7 move together with one
     * factor, 8-15 with another, the rest independently.
     */
    private static double[] typical(Random r) {
        double a = r.nextGaussian();
        double b = r.nextGaussian();
        double[] z = new double[CELLS];
        for (int i = 0; i < CELLS; i++) {
            z[i] = i < 16 ? 0.95 * (i < 8 ? a : b) + 0.3 * r.nextGaussian() : r.nextGaussian();
        }
        return z;
    }

    private static MapSubspace fitted(int n, long seed) {
        Random r = new Random(seed);
        List<double[]> zs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            zs.add(typical(r));
        }
        return MapSubspace.fit(zs, CELLS);
    }

    @Test
    void shouldFindTheDirectionsTheCellsMoveAlong() {
        MapSubspace s = fitted(4000, 1);
        assertEquals(MapSubspace.MAX_DIRECTIONS > CELLS ? CELLS - 1 : MapSubspace.MAX_DIRECTIONS, s.directions());
        // the two factors carry 8 × 0.9 + 0.09 ≈ 7.3 of variance each, the independent cells 1 each, which
        // a sample of 4,000 in 120 cells spreads up to (1 + √(120/4000))² ≈ 1.38 (Marchenko–Pastur)
        assertEquals(7.3, s.variances()[0], 0.5);
        assertEquals(7.3, s.variances()[1], 0.5);
        assertTrue(s.variances()[2] > 1 && s.variances()[2] < 1.45, "the next direction is noise: " + s.variances()[2]);
        double onBlock = 0;
        for (int i = 0; i < 16; i++) {
            onBlock += s.components()[i] * s.components()[i];
        }
        assertEquals(1, onBlock, 0.01, "the leading direction lies on the correlated cells");
    }

    /**
     * The float32 score against the statistic written out in double precision: the projection onto
     * each direction, the residual, and the power mean of order 3 of both in units of their spread.
     */
    @Test
    void shouldScoreInFloatAsTheDoublePrecisionStatisticWithinFloatRounding() {
        MapSubspace s = fitted(4000, 4);
        Random r = new Random(5);
        int k = s.directions();
        double worst = 0;
        for (int n = 0; n < 200; n++) {
            double[] z = typical(r);
            if (n % 2 == 1) {
                for (int i = 0; i < CELLS; i++) {
                    z[i] *= 1 + 3 * r.nextDouble();
                }
            }
            double[] residual = z.clone();
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int i = 0; i < CELLS; i++) {
                    dot += s.components()[j * CELLS + i] * z[i];
                }
                for (int i = 0; i < CELLS; i++) {
                    residual[i] -= dot * s.components()[j * CELLS + i];
                }
                sum += Math.pow(Math.abs(dot) / Math.sqrt(s.variances()[j]), 3);
            }
            for (int i = 0; i < CELLS; i++) {
                sum += Math.pow(Math.abs(residual[i]) / s.residualStd()[i], 3);
            }
            double expected = Math.cbrt(sum / (CELLS + k));
            worst = Math.max(worst, Math.abs(s.score(z) - expected) / expected);
        }
        assertTrue(worst < 1e-5, "worst relative difference " + worst);
    }

    @Test
    void shouldScoreACombinationTheClassNeverShowsAboveTypicalMapsEvenWhenEachCellIsTypical() {
        MapSubspace s = fitted(4000, 2);
        Random r = new Random(3);
        double[] scores = new double[2000];
        double[] cellwise = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            double[] z = typical(r);
            scores[i] = s.score(z);
            cellwise[i] = powerMean3(z);
        }
        java.util.Arrays.sort(scores);
        java.util.Arrays.sort(cellwise);
        int p99 = (int) (0.99 * scores.length);
        // half of a block up and half down by two stds: cell by cell unremarkable, the block's pattern broken
        double[] odd = new double[CELLS];
        for (int i = 0; i < 8; i++) {
            odd[i] = i < 4 ? 2 : -2;
        }
        assertTrue(powerMean3(odd) < cellwise[scores.length / 2], "cell by cell it is typical: " + powerMean3(odd));
        assertTrue(s.score(odd) > scores[p99], s.score(odd) + " vs typical p99 " + scores[p99]);
        double[] along = new double[CELLS];
        for (int i = 0; i < 8; i++) {
            along[i] = 2;
        }
        assertTrue(s.score(along) < scores[scores.length / 2], "the same cells moved along the class's own pattern: "
                + s.score(along));
    }

    private static double powerMean3(double[] z) {
        double sum = 0;
        for (double v : z) {
            sum += Math.abs(v * v * v);
        }
        return Math.cbrt(sum / z.length);
    }

    @Test
    void shouldKeepOneDirectionPerEightMapsAndNoneWithoutVariance() {
        assertEquals(5, fitted(40, 4).directions(), "40 maps support 5 directions");
        List<double[]> constant = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            constant.add(new double[CELLS]);
        }
        MapSubspace flat = MapSubspace.fit(constant, CELLS);
        assertEquals(0, flat.directions());
        assertTrue(Double.isFinite(flat.score(typical(new Random(5)))), "a reference that never varies still scores");
    }
}

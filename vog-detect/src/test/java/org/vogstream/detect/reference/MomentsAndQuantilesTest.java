package org.vogstream.detect.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vogstream.detect.testing.Samples;

/** The reference statistics' building blocks: running moments and the quantile grid. */
class MomentsAndQuantilesTest {
    @Test
    void shouldMergeWelfordAccumulatorsIntoTheOnePassResult() {
        double[] v = Samples.lognormal(10_001, 1);
        Moments all = new Moments();
        Moments a = new Moments();
        Moments b = new Moments();
        for (int i = 0; i < v.length; i++) {
            all.add(v[i]);
            (i < 3_333 ? a : b).add(v[i]);
        }
        a.merge(b);
        assertEquals(all.count(), a.count());
        assertEquals(all.mean(), a.mean(), 1e-15);
        assertEquals(all.std(), a.std(), 1e-15);
        double mean = Arrays.stream(v).average().orElseThrow();
        double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length;
        assertEquals(mean, all.mean(), 1e-15);
        assertEquals(Math.sqrt(var), all.std(), 1e-12);
    }

    @Test
    void shouldKeepQuantileErrorsWithinOneGridStep() {
        double[] v = Samples.lognormal(20_000, 2);
        QuantileGrid grid = QuantileGrid.of(v);
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        // exact at the grid's levels
        for (int i = 0; i < grid.levels().length; i++) {
            assertEquals(QuantileGrid.orderStatistic(sorted, grid.levels()[i]), grid.values()[i], 0);
        }
        // between levels: the fraction at or below the interpolated quantile is within one step
        Random r = new Random(3);
        for (int t = 0; t < 500; t++) {
            double p = r.nextDouble();
            double step = p > 0.01 && p < 0.99 ? 0.01 : 0.001;
            double q = grid.quantile(p);
            double fraction = (double) Arrays.stream(sorted).filter(x -> x <= q).count() / sorted.length;
            assertEquals(p, fraction, step + 1.0 / sorted.length, "level " + p);
            assertEquals(p, grid.cdf(q), 1e-9, "cdf inverts quantile at " + p);
        }
        assertEquals(0, grid.cdf(sorted[0] / 2));
        assertEquals(1, grid.cdf(sorted[sorted.length - 1] * 2));
    }
}

package org.vogstream.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RankCorrelationTest {
    @Test
    void shouldAverageTheRanksOfTies() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, RankCorrelation.ranks(new double[] {1, 5, 5, 9}));
    }

    @Test
    void shouldMatchAHandComputedSpearman() {
        // ranks x: 1..5; y = 2,1,4,3,5 -> d² = 1+1+1+1+0 = 4; ρ = 1 − 6·4/(5·24) = 0.8
        assertEquals(0.8, RankCorrelation.spearman(new double[] {10, 20, 30, 40, 50}, new double[] {2, 1, 4, 3, 5}), 1e-12);
        assertEquals(-1.0, RankCorrelation.spearman(new double[] {1, 2, 3}, new double[] {9, 4, 1}), 1e-12);
    }

    @Test
    void shouldRefuseANanScoreRatherThanRankIt() {
        assertThrows(IllegalArgumentException.class,
                () -> RankCorrelation.spearman(new double[] {1, Double.NaN, 3}, new double[] {1, 2, 3}));
    }
}

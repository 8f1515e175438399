package org.vogstream.core.detect;

import org.vogstream.core.stats.QuantileGrid;

/**
 * One class's reference for the detector (design.md §1b): its VoG map reference and the
 * reference distributions of the map score, of the negated energy and of the fused score.
 *
 * @param map the per-cell mean and spread of the class's VoG maps
 * @param mapScore quantiles of the map score over the reference examples
 * @param negEnergy quantiles of −energy (higher = more atypical, like the map score)
 * @param fused quantiles of the fused score
 * @param count reference examples behind the three distributions
 */
public record DetectorStats(MapReference map, QuantileGrid mapScore, QuantileGrid negEnergy, QuantileGrid fused,
        long count) {
    /**
     * The upper-tail probability of {@code value} in {@code grid}, never below 1/(count+1): a value
     * beyond everything in the reference is as rare as the reference can tell, not impossible.
     */
    static double tail(QuantileGrid grid, double value, long count) {
        return Math.max(1 - grid.cdf(value), 1.0 / (count + 1));
    }

    /** Fisher's method over the two tail probabilities: −Σ log p. */
    static double fuse(double pMap, double pEnergy) {
        return -Math.log(pMap) - Math.log(pEnergy);
    }

    /** The fused score of a map score and an energy, against this class's distributions. */
    public double fusedScore(double mapScoreValue, double energy) {
        return fuse(tail(mapScore, mapScoreValue, count), tail(negEnergy, -energy, count));
    }
}

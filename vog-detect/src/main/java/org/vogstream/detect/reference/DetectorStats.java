package org.vogstream.detect.reference;


/**
 * One class's reference for the detector (docs/design.md §1b): its VoG map reference and the
 * reference distributions of the map's two statistics, of the map score that combines them, of
 * the negated energy and of the fused score.
 *
 * <p>Scores are combined by Fisher's method, the sum of their {@link UpperTail#surprise}s against
 * the reference: the VoG map score combines the cell-wise and the subspace statistic of the map,
 * and the fused alert score combines the map score with −energy.
 *
 * @param map the per-cell mean and spread of the class's VoG maps, and their subspace
 * @param cellScore quantiles of the cell-wise statistic over the reference examples
 * @param subspaceScore quantiles of the subspace statistic
 * @param mapScore quantiles of the map score
 * @param negEnergy quantiles of −energy (higher = more atypical, like the map score)
 * @param fused quantiles of the fused score
 * @param count reference examples behind the distributions
 */
public record DetectorStats(MapReference map, QuantileGrid cellScore, QuantileGrid subspaceScore, QuantileGrid mapScore,
        QuantileGrid negEnergy, QuantileGrid fused, long count) {

    /** The VoG map score of a map against this class. */
    public double mapScore(float[] vogMap) {
        return mapScores(java.util.List.of(vogMap))[0];
    }

    /** {@link #mapScore} of several maps at once (the same numbers, the reference read once). */
    public double[] mapScores(java.util.List<float[]> vogMaps) {
        java.util.List<MapReference.Statistics> st = map.statistics(vogMaps);
        double[] out = new double[st.size()];
        for (int e = 0; e < out.length; e++) {
            out[e] = fisher(cellScore, st.get(e).cell(), subspaceScore, st.get(e).subspace());
        }
        return out;
    }

    /** The fused score of a map score and an energy, against this class's distributions. */
    public double fusedScore(double mapScoreValue, double energy) {
        return fisher(mapScore, mapScoreValue, negEnergy, -energy);
    }

    /** Fisher's method: the sum of the two values' surprises against their distributions. */
    static double fisher(QuantileGrid a, double x, QuantileGrid b, double y) {
        return UpperTail.surprise(a, x) + UpperTail.surprise(b, y);
    }
}

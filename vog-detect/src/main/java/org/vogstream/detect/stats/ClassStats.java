package org.vogstream.detect.stats;

import java.util.Optional;
import java.util.OptionalInt;
import org.vogstream.detect.reference.DetectorStats;
import org.vogstream.detect.reference.QuantileGrid;

/**
 * VoG statistics of one class of one model set over a reference set (or of all classes pooled).
 *
 * @param key the model set and class (none for the pooled statistics)
 * @param labels how examples were assigned to classes
 * @param count reference examples
 * @param minCount reference examples the calibration asked of a class before its own statistics
 *     are used (fewer give unstable tail quantiles): {@link StatsLookup} falls back to the pooled ones
 * @param mean mean VoG
 * @param std population standard deviation of VoG
 * @param quantiles exact quantiles of VoG
 * @param detector the VoG map and score distributions the detector needs; empty in statistics
 *     written before it existed (such a class is judged by the scalar VoG alone)
 */
public record ClassStats(ClassStatsKey key, Labels labels, long count, int minCount, double mean, double std,
        QuantileGrid quantiles, Optional<DetectorStats> detector) {
    /** Default {@code minCount}, and what records written before it was carried assume. */
    public static final int DEFAULT_MIN_COUNT = 30;
    /** Smallest standard deviation used to divide by (a class whose VoG never varies). */
    static final double MIN_STD = 1e-12;

    public String modelSet() {
        return key.modelSet();
    }

    public OptionalInt cls() {
        return key.cls();
    }

    public boolean pooled() {
        return key.isPooled();
    }

    /** {@code (vog − mean) / std}. */
    public double z(double vog) {
        return (vog - mean) / Math.max(std, MIN_STD);
    }

    /** Percentile of {@code vog} within the reference set, 0–100. */
    public double percentile(double vog) {
        return 100 * quantiles.cdf(vog);
    }

    /** The z-score above which a fraction {@code fpr} of the reference set lies. */
    public double zForFalsePositiveRate(double fpr) {
        if (!(fpr > 0 && fpr < 1)) {
            throw new IllegalArgumentException("target_fpr must be in (0, 1), got " + fpr);
        }
        return z(quantiles.quantile(1 - fpr));
    }

}

package org.vogstream.core.stats;

import java.util.OptionalInt;

/**
 * VoG statistics of one class of one model set over a reference set (or of all classes pooled).
 *
 * @param modelSet the model set
 * @param cls the class, empty for the pooled statistics
 * @param labels how examples were assigned to classes
 * @param count reference examples
 * @param mean mean VoG
 * @param std population standard deviation of VoG
 * @param quantiles exact quantiles of VoG
 */
public record ClassStats(String modelSet, OptionalInt cls, Labels labels, long count, double mean, double std,
        QuantileGrid quantiles) {
    /** Smallest standard deviation used to divide by (a class whose VoG never varies). */
    static final double MIN_STD = 1e-12;

    public boolean pooled() {
        return cls.isEmpty();
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

    /** The store/topic key: {@code MODEL_SET/CLASS}, or {@code MODEL_SET/*} for the pooled statistics. */
    public String key() {
        return modelSet + "/" + (cls.isPresent() ? Integer.toString(cls.getAsInt()) : "*");
    }
}

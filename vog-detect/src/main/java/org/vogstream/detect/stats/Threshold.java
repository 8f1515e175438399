package org.vogstream.detect.stats;

/** When an event is out of distribution: its z-score passes a bound, given directly or as a target FPR. */
public sealed interface Threshold {
    /** The default when nothing is configured. */
    Threshold DEFAULT = new ZScore(3.0);

    /** The bounds for a class with these statistics, checking the given tail(s). */
    Bounds bounds(ClassStats stats, Tail tail);

    /** A fixed z-score: above {@code z} (upper), below {@code −z} (lower), or outside ±|z| (both). */
    record ZScore(double z) implements Threshold {
        public ZScore {
            if (!Double.isFinite(z)) {
                throw new IllegalArgumentException("z_threshold must be a finite number, got " + z);
            }
        }

        @Override
        public Bounds bounds(ClassStats stats, Tail tail) {
            return switch (tail) {
                case UPPER -> new Bounds(Double.NEGATIVE_INFINITY, z);
                case LOWER -> new Bounds(-z, Double.POSITIVE_INFINITY);
                case BOTH -> new Bounds(-Math.abs(z), Math.abs(z));
            };
        }
    }

    /** The z-scores that flag a fraction {@code fpr} of the class's reference set (split evenly over both tails). */
    record TargetFpr(double fpr) implements Threshold {
        public TargetFpr {
            if (!(fpr > 0 && fpr < 1)) {
                throw new IllegalArgumentException("target_fpr must be in (0, 1), got " + fpr);
            }
        }

        @Override
        public Bounds bounds(ClassStats stats, Tail tail) {
            return switch (tail) {
                case UPPER -> new Bounds(Double.NEGATIVE_INFINITY, stats.zForFalsePositiveRate(fpr));
                case LOWER -> new Bounds(stats.z(stats.quantiles().quantile(fpr)), Double.POSITIVE_INFINITY);
                case BOTH -> new Bounds(stats.z(stats.quantiles().quantile(fpr / 2)), stats.zForFalsePositiveRate(fpr / 2));
            };
        }
    }
}

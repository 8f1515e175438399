package org.vogstream.core.stats;

/** When an event is out of distribution: its z-score exceeds a value, given directly or as a target FPR. */
public sealed interface Threshold {
    /** The default when nothing is configured. */
    Threshold DEFAULT = new ZScore(3.0);

    /** The z-score above which an event of a class with these statistics is out of distribution. */
    double zFor(ClassStats stats);

    /** A fixed z-score. */
    record ZScore(double z) implements Threshold {
        public ZScore {
            if (!Double.isFinite(z)) {
                throw new IllegalArgumentException("z_threshold must be a finite number, got " + z);
            }
        }

        @Override
        public double zFor(ClassStats stats) {
            return z;
        }
    }

    /** The z-score that flags a fraction {@code fpr} of the class's reference set. */
    record TargetFpr(double fpr) implements Threshold {
        public TargetFpr {
            if (!(fpr > 0 && fpr < 1)) {
                throw new IllegalArgumentException("target_fpr must be in (0, 1), got " + fpr);
            }
        }

        @Override
        public double zFor(ClassStats stats) {
            return stats.zForFalsePositiveRate(fpr);
        }
    }
}

package org.vogstream.detect.stats;

/**
 * An event's VoG against its class's reference distribution.
 *
 * @param z {@code (vog − mean_c) / std_c}
 * @param percentile percentile within the class's reference set, 0–100
 * @param stats the statistics used: the class's, or the pooled ones when the class had too few
 *     reference examples
 */
public record Normalized(double z, double percentile, ClassStats stats) {
    public boolean pooled() {
        return stats.pooled();
    }
}

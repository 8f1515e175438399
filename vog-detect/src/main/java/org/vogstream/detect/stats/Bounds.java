package org.vogstream.detect.stats;

/**
 * The z-scores between which an event is in distribution; infinite where a side is not checked.
 *
 * @param lower an event with z below this is out of distribution
 * @param upper an event with z above this is out of distribution
 */
public record Bounds(double lower, double upper) {
    public boolean outside(double z) {
        return z < lower || z > upper;
    }
}

package org.vogstream.detect.reference;

import java.util.Arrays;

/**
 * Exact empirical quantiles of a reference set at fixed levels: every 0.01, every 0.001 below
 * 0.01 and above 0.99, and 0.0005 and 0.9995, so thresholds in either tail down to a 0.05%
 * false-positive rate come from order statistics rather than from a normal approximation. Between levels, quantiles and percentiles
 * are interpolated linearly (error at most one grid step of probability).
 *
 * @param levels probabilities, increasing from 0 to 1
 * @param values the quantile at each level, non-decreasing
 */
public record QuantileGrid(double[] levels, double[] values) {
    /** The standard levels. */
    public static final double[] LEVELS = standardLevels();

    public QuantileGrid {
        if (levels.length != values.length || levels.length < 2) {
            throw new IllegalArgumentException("quantile grid needs as many values as levels (at least 2), got "
                    + levels.length + " levels and " + values.length + " values");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                // JSON cannot carry it, and a threshold from it would be meaningless
                throw new IllegalArgumentException("quantile grid values must be finite; value " + i + " is " + values[i]);
            }
        }
        for (int i = 1; i < levels.length; i++) {
            if (!(levels[i] > levels[i - 1]) || values[i] < values[i - 1]) {
                throw new IllegalArgumentException("quantile grid must increase; it does not at index " + i);
            }
        }
    }

    private static double[] standardLevels() {
        double[] l = new double[2 + 9 + 99 + 9 + 2];
        int i = 0;
        l[i++] = 0;
        l[i++] = 0.0005;
        for (int p = 1; p <= 9; p++) {
            l[i++] = p / 1000.0;
        }
        for (int p = 1; p < 100; p++) {
            l[i++] = p / 100.0;
        }
        for (int p = 991; p <= 999; p++) {
            l[i++] = p / 1000.0;
        }
        l[i++] = 0.9995;
        l[i] = 1.0;
        return l;
    }

    /** The standard levels' quantiles of {@code data} (type-7, linear between order statistics). */
    public static QuantileGrid of(double[] data) {
        if (data.length == 0) {
            throw new IllegalArgumentException("no values to take quantiles of");
        }
        double[] sorted = data.clone();
        Arrays.sort(sorted);
        double[] values = new double[LEVELS.length];
        for (int i = 0; i < LEVELS.length; i++) {
            values[i] = orderStatistic(sorted, LEVELS[i]);
        }
        return new QuantileGrid(LEVELS.clone(), values);
    }

    static double orderStatistic(double[] sorted, double level) {
        double h = (sorted.length - 1) * level;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The quantile at probability {@code level}. */
    public double quantile(double level) {
        if (level <= levels[0]) {
            return values[0];
        }
        int i = Arrays.binarySearch(levels, level);
        if (i >= 0) {
            return values[i];
        }
        int hi = -i - 1;
        if (hi >= levels.length) {
            return values[values.length - 1];
        }
        int lo = hi - 1;
        double t = (level - levels[lo]) / (levels[hi] - levels[lo]);
        return values[lo] + t * (values[hi] - values[lo]);
    }

    /** The fraction of the reference set at or below {@code value}, in [0, 1]. */
    public double cdf(double value) {
        if (value < values[0]) {
            return 0;
        }
        if (value >= values[values.length - 1]) {
            return 1;
        }
        int hi = 1;
        while (values[hi] <= value) {
            hi++;
        }
        int lo = hi - 1;
        double t = (value - values[lo]) / (values[hi] - values[lo]);
        return levels[lo] + t * (levels[hi] - levels[lo]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantileGrid g && Arrays.equals(levels, g.levels) && Arrays.equals(values, g.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(levels) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "QuantileGrid" + Arrays.toString(values);
    }
}

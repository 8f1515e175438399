package org.vogstream.core.detect;

import java.util.Arrays;

/**
 * The per-cell mean and spread of one class's VoG maps over a reference set, and the map score
 * of design.md §1b: the mean over cells of |map − mean| / std. Cells whose maps barely vary (the
 * blank border of a digit) would turn noise into huge scores, so std is floored at
 * {@value #STD_FLOOR} of its mean over cells.
 *
 * @param dims one map's shape
 * @param mean per-cell mean, row-major
 * @param std per-cell population standard deviation, floored
 */
public record MapReference(long[] dims, double[] mean, double[] std) {
    /** Fraction of the mean per-cell std below which a cell's std is raised to it. */
    public static final double STD_FLOOR = 0.1;

    public MapReference {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("a VoG map reference needs as many means as stds (at least 1), got "
                    + mean.length + " and " + std.length);
        }
        for (double s : std) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("a VoG map reference's std must be positive and finite, got " + s);
            }
        }
    }

    /** Mean over cells of the class-normalized deviation |map − mean| / std. */
    public double score(float[] map) {
        if (map.length != mean.length) {
            throw new IllegalArgumentException("VoG map of " + map.length + " cells, the reference has " + mean.length);
        }
        double sum = 0;
        for (int i = 0; i < map.length; i++) {
            sum += Math.abs(map[i] - mean[i]) / std[i];
        }
        return sum / map.length;
    }

    /** The class-normalized map |map − mean| / std, cell by cell: where this example departs from its class. */
    public double[] normalized(float[] map) {
        double[] out = new double[map.length];
        for (int i = 0; i < map.length; i++) {
            out[i] = Math.abs(map[i] - mean[i]) / std[i];
        }
        return out;
    }

    /** Accumulates maps cell by cell (Welford), then floors the spread. */
    public static final class Builder {
        private final long[] dims;
        private final double[] mean;
        private final double[] m2;
        private long count;

        public Builder(long[] dims, int cells) {
            this.dims = dims.clone();
            this.mean = new double[cells];
            this.m2 = new double[cells];
        }

        public void add(float[] map) {
            if (map.length != mean.length) {
                throw new IllegalArgumentException("VoG map of " + map.length + " cells, expected " + mean.length);
            }
            count++;
            for (int i = 0; i < map.length; i++) {
                double delta = map[i] - mean[i];
                mean[i] += delta / count;
                m2[i] += delta * (map[i] - mean[i]);
            }
        }

        public long count() {
            return count;
        }

        public MapReference build() {
            if (count == 0) {
                throw new IllegalStateException("no VoG maps to build a reference from");
            }
            double[] std = new double[mean.length];
            double meanStd = 0;
            for (int i = 0; i < std.length; i++) {
                std[i] = Math.sqrt(m2[i] / count);
                meanStd += std[i] / std.length;
            }
            // a reference whose maps never vary at all (constant model) still divides by something
            double floor = Math.max(STD_FLOOR * meanStd, Double.MIN_NORMAL);
            for (int i = 0; i < std.length; i++) {
                std[i] = Math.max(std[i], floor);
            }
            return new MapReference(dims, mean.clone(), std);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapReference r && Arrays.equals(dims, r.dims) && Arrays.equals(mean, r.mean)
                && Arrays.equals(std, r.std);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(dims) + Arrays.hashCode(mean)) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "MapReference" + Arrays.toString(dims);
    }
}

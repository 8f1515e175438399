package org.vogstream.detect.heatmap;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.vogstream.detect.reference.MapReference;

/**
 * The evidence behind an alert: where an example's VoG map departs from its class, cell by cell, in
 * units of the class's spread ({@link MapReference#normalized}), on the map's grid, and the cells
 * that departed most (they dominate the map score's cell-wise statistic, a power mean of order 3
 * over these values; its subspace statistic reads patterns across cells, which no single cell shows).
 *
 * <p>Values are rounded to {@value #DECIMALS} decimals: an auditor reads colours, not the third
 * decimal, and a 28×28 heatmap then costs about 4 KB of JSON in an alert.
 *
 * @param shape [h, w] of the grid; a one-axis map of D cells is [1, D]
 * @param values row-major, h·w values, each ≥ 0
 * @param topCells the {@value #TOP_CELLS} largest values, largest first (fewer for smaller maps)
 */
public record Heatmap(int[] shape, float[] values, List<Cell> topCells) {
    public static final int DECIMALS = 2;
    public static final int TOP_CELLS = 5;

    /** One cell of the grid and its value. */
    public record Cell(int row, int col, float value) {}

    public Heatmap {
        if (shape.length != 2 || (long) shape[0] * shape[1] != values.length) {
            throw new IllegalArgumentException("a heatmap of shape " + Arrays.toString(shape) + " cannot hold "
                    + values.length + " values");
        }
        topCells = List.copyOf(topCells);
    }

    /** The heatmap of one example's {@code vog_map} against its class's reference. */
    public static Heatmap of(MapReference reference, float[] vogMap) {
        double[] normalized = reference.normalized(vogMap);
        long[] dims = reference.dims();
        int[] shape = dims.length == 1 ? new int[] {1, Math.toIntExact(dims[0])}
                : new int[] {Math.toIntExact(dims[dims.length - 2]), Math.toIntExact(dims[dims.length - 1])};
        float[] values = new float[normalized.length];
        double unit = Math.pow(10, DECIMALS);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (Math.round(normalized[i] * unit) / unit);
        }
        int w = shape[1];
        List<Cell> top = IntStream.range(0, normalized.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -normalized[i]).thenComparingInt(i -> i))
                .limit(TOP_CELLS).map(i -> new Cell(i / w, i % w, values[i])).toList();
        return new Heatmap(shape, values, top);
    }

    public int rows() {
        return shape[0];
    }

    public int cols() {
        return shape[1];
    }

    public float at(int row, int col) {
        return values[row * shape[1] + col];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Heatmap h && Arrays.equals(shape, h.shape) && Arrays.equals(values, h.values)
                && topCells.equals(h.topCells);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(shape) + Arrays.hashCode(values)) + topCells.hashCode();
    }

    @Override
    public String toString() {
        return "Heatmap" + Arrays.toString(shape) + " top " + topCells;
    }
}

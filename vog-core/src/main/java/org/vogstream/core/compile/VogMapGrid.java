package org.vogstream.core.compile;

import java.util.Arrays;
import org.vogstream.core.onnx.Shapes;

/**
 * The cells {@code vog_map} averages V over (docs/design.md §1b): the one place both the compiled graph
 * and the Java reference take the grid from, so the two cannot disagree on it.
 *
 * <p>V has one example's saliency shape: the input shape without its channel axis ([D] for vectors).
 * Along a pooled axis of extent S with at most M cells, the cell size is k = ceil(S / M) and there
 * are ceil(S / k) cells; the last cell may hold fewer than k pixels and averages only those. M is
 * {@value #MAX_SIDE} per axis for images [H, W] and {@value #MAX_CELLS} for one-axis maps ([D] vectors,
 * [C, L] inputs). Volumes [D, H, W] (and any higher rank) are averaged over every leading axis and
 * pooled like an image over the last two, so every map is at most {@value #MAX_CELLS} cells and
 * images, videos and volumes all give a 2-D heatmap.
 *
 * @param spatialDims V's shape for one example
 * @param cellSize pixels per cell along each axis of {@code spatialDims} (a leading axis of a
 *     volume: its whole extent)
 * @param cells cells along each axis of {@code spatialDims} (a leading axis of a volume: 1)
 */
public record VogMapGrid(long[] spatialDims, long[] cellSize, long[] cells) {
    /** Most cells along each side of a 2-D map. */
    public static final long MAX_SIDE = 32;

    /** Most cells of a one-axis map; also MAX_SIDE². */
    public static final long MAX_CELLS = MAX_SIDE * MAX_SIDE;

    /** The grid for inputs of one example's shape {@code exampleDims} (as [C, H, W], or [D]). */
    public static VogMapGrid of(long[] exampleDims) {
        long[] spatial = exampleDims.length < 2 ? exampleDims.clone()
                : Arrays.copyOfRange(exampleDims, 1, exampleDims.length);
        int rank = spatial.length;
        long[] size = new long[rank];
        long[] cells = new long[rank];
        for (int i = 0; i < rank; i++) {
            long max = rank == 1 ? MAX_CELLS : i < rank - 2 ? 1 : MAX_SIDE;
            size[i] = ceilDiv(spatial[i], max);
            cells[i] = ceilDiv(spatial[i], size[i]);
        }
        return new VogMapGrid(spatial, size, cells);
    }

    /** One example's {@code vog_map} shape: [cells] for one-axis maps, [h, w] otherwise. */
    public long[] mapDims() {
        return Arrays.copyOfRange(cells, Math.max(0, cells.length - 2), cells.length);
    }

    /** Whether {@code vog_map} is V itself (no axis pooled), so no pooling is needed. */
    public boolean isIdentity() {
        return Arrays.equals(spatialDims, mapDims());
    }

    /** Pixels of V each cell of {@code vog_map} averages, in the map's row-major order. */
    public long[] pixelsPerCell() {
        long[] map = mapDims();
        int lead = cells.length - map.length;
        long leading = Shapes.elements(Arrays.copyOfRange(spatialDims, 0, lead));
        long[] counts = new long[Math.toIntExact(Shapes.elements(map))];
        for (int c = 0; c < counts.length; c++) {
            long count = leading;
            long rest = c;
            for (int i = cells.length - 1; i >= lead; i--) {
                long index = rest % cells[i];
                rest /= cells[i];
                count *= Math.min(cellSize[i], spatialDims[i] - index * cellSize[i]);
            }
            counts[c] = count;
        }
        return counts;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}

package org.vogstream.core.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The map grid's cell sizes and counts, worked out by hand from docs/design.md §1b's rule. */
class VogMapGridTest {
    @Test
    void shouldKeepA28By28ImageAsItIs() {
        VogMapGrid grid = VogMapGrid.of(new long[] {1, 28, 28});
        assertArrayEquals(new long[] {28, 28}, grid.spatialDims());
        assertArrayEquals(new long[] {1, 1}, grid.cellSize());
        assertArrayEquals(new long[] {28, 28}, grid.mapDims());
        assertTrue(grid.isIdentity());
        assertTrue(Arrays.stream(grid.pixelsPerCell()).allMatch(c -> c == 1));
    }

    @Test
    void shouldPoolLargeImagesOntoAtMost32By32Cells() {
        VogMapGrid imageNet = VogMapGrid.of(new long[] {3, 224, 224});
        assertArrayEquals(new long[] {7, 7}, imageNet.cellSize());
        assertArrayEquals(new long[] {32, 32}, imageNet.mapDims());
        assertFalse(imageNet.isIdentity());
        VogMapGrid hundred = VogMapGrid.of(new long[] {3, 100, 100});
        assertArrayEquals(new long[] {4, 4}, hundred.cellSize());
        assertArrayEquals(new long[] {25, 25}, hundred.mapDims());
        assertTrue(Arrays.stream(hundred.pixelsPerCell()).allMatch(c -> c == 16));
    }

    @Test
    void shouldCountOnlyThePixelsAnEdgeCellHoldsWhenTheSizeDoesNotDivide() {
        VogMapGrid grid = VogMapGrid.of(new long[] {2, 33, 70});
        assertArrayEquals(new long[] {2, 3}, grid.cellSize());
        assertArrayEquals(new long[] {17, 24}, grid.mapDims());
        long[] counts = grid.pixelsPerCell();
        assertEquals(17 * 24, counts.length);
        assertEquals(6, counts[0]);
        assertEquals(2, counts[23], "last column holds 70 - 69 = 1 pixel across");
        assertEquals(3, counts[16 * 24], "last row holds 33 - 32 = 1 pixel down");
        assertEquals(1, counts[16 * 24 + 23]);
        assertEquals(33 * 70, Arrays.stream(counts).sum());
    }

    @Test
    void shouldPoolVectorsAndOneAxisInputsOntoAtMost1024Cells() {
        assertTrue(VogMapGrid.of(new long[] {1024}).isIdentity());
        VogMapGrid d1500 = VogMapGrid.of(new long[] {1500});
        assertArrayEquals(new long[] {2}, d1500.cellSize());
        assertArrayEquals(new long[] {750}, d1500.mapDims());
        VogMapGrid d1025 = VogMapGrid.of(new long[] {1025});
        assertArrayEquals(new long[] {513}, d1025.mapDims());
        assertEquals(1, d1025.pixelsPerCell()[512]);
        VogMapGrid signal = VogMapGrid.of(new long[] {3, 2000});
        assertArrayEquals(new long[] {2000}, signal.spatialDims());
        assertArrayEquals(new long[] {1000}, signal.mapDims());
    }

    @Test
    void shouldAverageAVolumeOverDepthAndPoolItsLastTwoAxesLikeAnImage() {
        VogMapGrid grid = VogMapGrid.of(new long[] {2, 3, 33, 70});
        assertArrayEquals(new long[] {3, 33, 70}, grid.spatialDims());
        assertArrayEquals(new long[] {3, 2, 3}, grid.cellSize());
        assertArrayEquals(new long[] {1, 17, 24}, grid.cells());
        assertArrayEquals(new long[] {17, 24}, grid.mapDims());
        assertEquals(18, grid.pixelsPerCell()[0]);
        assertEquals(3, grid.pixelsPerCell()[16 * 24 + 23]);
        assertFalse(VogMapGrid.of(new long[] {2, 1, 8, 8}).isIdentity(), "[1, 8, 8] still needs reshaping to [8, 8]");
    }
}

package org.vogstream.detect.heatmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vogstream.detect.reference.MapReference;

/** Heatmaps against MapReference's normalization, computed here cell by cell. */
class HeatmapTest {
    private static MapReference reference(long[] dims, int cells, long seed) {
        Random r = new Random(seed);
        MapReference.Builder b = new MapReference.Builder(dims, cells);
        for (int n = 0; n < 200; n++) {
            float[] m = new float[cells];
            for (int i = 0; i < cells; i++) {
                m[i] = (float) Math.exp(r.nextGaussian() * 0.3 + (i % 7) * 0.2);
            }
            b.add(m);
        }
        return b.build();
    }

    @Test
    void shouldHoldTheRoundedClassNormalizedMapAndItsLargestCells() {
        MapReference ref = reference(new long[] {4, 6}, 24, 1);
        float[] map = new float[24];
        for (int i = 0; i < 24; i++) {
            map[i] = (float) Math.exp((i % 7) * 0.2);
        }
        map[15] *= 40; // row 2, col 3
        map[4] /= 30; // row 0, col 4: a collapse counts as much as a burst

        Heatmap h = Heatmap.of(ref, map);

        assertArrayEquals(new int[] {4, 6}, h.shape());
        for (int i = 0; i < 24; i++) {
            double expected = Math.abs(Math.log(map[i] + ref.offset()) - ref.mean()[i]) / ref.std()[i];
            assertEquals(expected, h.values()[i], 0.005 + 1e-6, "cell " + i);
            assertEquals(Math.round(h.values()[i] * 100), h.values()[i] * 100, 1e-3, "two decimals at cell " + i);
        }
        assertEquals(Heatmap.TOP_CELLS, h.topCells().size());
        assertEquals(new Heatmap.Cell(2, 3, h.at(2, 3)), h.topCells().get(0));
        assertEquals(new Heatmap.Cell(0, 4, h.at(0, 4)), h.topCells().get(1));
        for (int k = 1; k < h.topCells().size(); k++) {
            float prev = h.topCells().get(k - 1).value();
            float next = h.topCells().get(k).value();
            assertEquals(true, prev >= next, "largest first: " + h.topCells());
        }
        float smallestTop = h.topCells().get(h.topCells().size() - 1).value();
        long above = 0;
        for (float v : h.values()) {
            above += v > smallestTop ? 1 : 0;
        }
        assertEquals(true, above < Heatmap.TOP_CELLS, "no cell outside the top is larger than its last");
    }

    @Test
    void shouldLayAOneAxisMapOutAsOneRow() {
        MapReference ref = reference(new long[] {10}, 10, 2);
        float[] map = new float[10];
        java.util.Arrays.fill(map, 1f);
        map[7] = 500f;

        Heatmap h = Heatmap.of(ref, map);

        assertArrayEquals(new int[] {1, 10}, h.shape());
        assertEquals(7, h.topCells().get(0).col());
        assertEquals(0, h.topCells().get(0).row());
    }

    @Test
    void shouldRefuseAShapeThatDoesNotHoldItsValues() {
        assertThrows(IllegalArgumentException.class, () -> new Heatmap(new int[] {3, 3}, new float[8], List.of()));
    }
}

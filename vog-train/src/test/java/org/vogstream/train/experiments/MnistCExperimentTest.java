package org.vogstream.train.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.train.corrupt.Corruption;
import org.vogstream.train.testing.HeldOutDigits;

/**
 * The paper's MNIST-C comparison in a reduced form that still asserts direction; the full run is
 * {@code vog-train reproduce mnist-c} and its report docs/results/mnist-c.md.
 */
class MnistCExperimentTest {
    @TempDir
    Path dir;

    /**
     * The bundled model set's 300 held-out digits against stripe and fog. Measured on the full run:
     * most corrupted digits score below their class's VoG (docs/results/mnist-c.md), so low z
     * separates them and high z does not; MSP separates both.
     */
    @Test
    void shouldSeparateCorruptedDigitsByLowVogAndByMsp() throws Exception {
        var r = MnistCExperiment.run(HeldOutDigits.MODEL_DIR, HeldOutDigits.load(), List.of(Corruption.STRIPE, Corruption.FOG), 1);
        for (String c : List.of("stripe", "fog")) {
            double low = r.auroc().get("VoG (low z)").get(c);
            assertTrue(low > 0.6, c + ": AUROC of low VoG " + low);
            assertEquals(1.0, low + r.auroc().get("VoG (high z)").get(c), 1e-9, "the two readings are complementary");
            assertTrue(r.auroc().get("MSP").get(c) > 0.6, c + ": MSP");
        }
        MnistCExperiment.write(r, dir, 300, "test");
        assertTrue(Files.readString(dir.resolve("mnist-c.md")).contains("| VoG (low z) |"));
        assertTrue(Files.size(dir.resolve("mnist-c-auroc.png")) > 5_000);
    }
}

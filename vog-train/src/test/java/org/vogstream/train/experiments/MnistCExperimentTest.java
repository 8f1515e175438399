package org.vogstream.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.train.corrupt.Corruption;
import org.vogstream.train.data.MnistPackage;
import org.vogstream.train.data.Split;
import org.vogstream.train.experiments.MemorizationExperiment;
import org.vogstream.train.experiments.MnistCExperiment;

/**
 * The paper's experiments in a reduced form that still asserts direction; the full runs are
 * {@code vog-train reproduce ...} and their reports in docs/results.
 */
class ExperimentsTest {
    private static Split split;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() throws Exception {
        split = Split.stratified(MnistPackage.load(), 0.2, 1);
    }

    /**
     * 300 clean test digits against stripe and fog. Measured on the full run: most corrupted
     * digits score below their class's VoG (docs/results/mnist-c.md), so low z separates them and
     * high z does not; MSP separates both.
     */
    @Test
    void shouldSeparateCorruptedDigitsByLowVogAndByMsp() throws Exception {
        var r = MnistCExperiment.run(Path.of("..", "models", "mnist-lenet"), split.test().head(300),
                List.of(Corruption.STRIPE, Corruption.FOG), 1);
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

    /**
     * 1,500 training digits, 20% relabelled, 30 epochs: the network memorizes the shuffled labels and
     * the t-test compares the right groups. The paper's direction (shuffled VoG higher) is not
     * asserted because it does not hold here: this reduced run finds no difference (p = 0.42) and the
     * full run (docs/results/memorization.md) finds shuffled slightly lower.
     */
    @Test
    void shouldMemorizeShuffledLabelsAndCompareTheTwoGroups() throws Exception {
        var r = MemorizationExperiment.run(split.train().head(1_500), split.test().head(200), 30, 1, dir.resolve("run"));
        System.out.println(r);
        assertTrue(r.trainAccuracy() > 0.95, "the network memorizes the shuffled labels: " + r.trainAccuracy());
        assertEquals(0.2, (double) r.shuffled() / (r.shuffled() + r.clean()), 0.03, "a fifth of the labels shuffled");
        assertTrue(Double.isFinite(r.test().t()) && r.test().p() >= 0 && r.test().p() <= 1, r.test().toString());
    }
}

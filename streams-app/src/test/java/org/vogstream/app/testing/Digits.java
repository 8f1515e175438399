package org.vogstream.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;
import org.vogstream.core.data.InferenceEvent;
import org.vogstream.core.data.InferenceEventCodec;
import org.vogstream.core.data.NpyArray;
import org.vogstream.core.data.TensorDtype;

/** Real held-out MNIST digits of the bundled model set, as inference events. */
public final class Digits {
    public static final Path MODEL_DIR = Path.of("..", "models", "mnist-lenet");
    private static NpyArray digits;
    private static NpyArray labels;

    private Digits() {}

    private static synchronized void load() {
        if (digits == null) {
            try {
                digits = NpyArray.read(MODEL_DIR.resolve("test-digits.npy"));
                labels = NpyArray.read(MODEL_DIR.resolve("test-digits-labels.npy"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static int count() {
        load();
        return digits.rows();
    }

    public static float[] pixels(int i) {
        load();
        return Arrays.copyOfRange(digits.floats(), i * 784, (i + 1) * 784);
    }

    public static int label(int i) {
        load();
        return (int) labels.longs()[i];
    }

    public static InferenceEvent event(String id, String model, float[] pixels, long time) {
        return event(id, model, pixels, time, TensorDtype.FLOAT32);
    }

    public static InferenceEvent event(String id, String model, float[] values, long time, TensorDtype dtype) {
        return new InferenceEvent(id, model, time, new long[] {1, 28, 28}, values, OptionalInt.empty(), "test", Map.of(),
                dtype);
    }

    /** Digit i as the bytes it came from: the bundled digits are pixels / 255, which the model set's input.json undoes. */
    public static float[] bytes(int i) {
        float[] bytes = pixels(i);
        for (int p = 0; p < bytes.length; p++) {
            bytes[p] = Math.round(bytes[p] * 255);
        }
        return bytes;
    }

    public static byte[] json(String id, String model, int digit, long time) {
        return InferenceEventCodec.encode(event(id, model, pixels(digit), time));
    }
}

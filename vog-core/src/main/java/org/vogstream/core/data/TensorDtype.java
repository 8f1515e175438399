package org.vogstream.core.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The element type of an event's base64 {@code input.data}, little-endian. Values are handed on as
 * float32: float16 widened exactly, uint8 as the integers 0–255 it holds, which the model set's
 * {@code input.json} scales (org.vogstream.core.score.InputScaling).
 */
public enum TensorDtype {
    FLOAT32(4), FLOAT16(2), UINT8(1);

    private final int bytes;

    TensorDtype(int bytes) {
        this.bytes = bytes;
    }

    /** The name events carry in {@code input.dtype}. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The dtype an event names, if it is one of these. */
    public static Optional<TensorDtype> ofJson(String name) {
        return Arrays.stream(values()).filter(d -> d.json().equals(name)).findFirst();
    }

    /** All names, for messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(TensorDtype::json).toList());
    }

    public int bytesPerElement() {
        return bytes;
    }

    /** The values of bytes whose count the caller has checked is {@link #bytesPerElement} per element. */
    public float[] values(byte[] littleEndian) {
        return switch (this) {
            case FLOAT32 -> Float32Base64.floats(littleEndian);
            case FLOAT16 -> {
                float[] out = new float[littleEndian.length / 2];
                ByteBuffer b = ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float16.toFloat(b.getShort());
                }
                yield out;
            }
            case UINT8 -> {
                float[] out = new float[littleEndian.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = Byte.toUnsignedInt(littleEndian[i]);
                }
                yield out;
            }
        };
    }

    /**
     * The little-endian bytes of {@code values} in this dtype: float16 rounded to nearest even;
     * uint8 only from the integers 0–255.
     *
     * @throws IllegalArgumentException naming the first element this dtype cannot hold
     */
    public byte[] bytes(float[] values) {
        return switch (this) {
            case FLOAT32 -> Float32Base64.bytes(values);
            case FLOAT16 -> {
                ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < values.length; i++) {
                    short h = Float16.fromFloat(values[i]);
                    if (Float.isFinite(values[i]) && !Float.isFinite(Float16.toFloat(h))) {
                        throw new IllegalArgumentException("element " + i + " is " + values[i]
                                + ", beyond float16's range (±" + Float16.MAX + ")");
                    }
                    b.putShort(h);
                }
                yield b.array();
            }
            case UINT8 -> {
                byte[] out = new byte[values.length];
                for (int i = 0; i < values.length; i++) {
                    float v = values[i];
                    if (!(v >= 0 && v <= 255 && v == Math.rint(v))) {
                        throw new IllegalArgumentException("element " + i + " is " + v + ", not a uint8 (an integer 0..255)");
                    }
                    out[i] = (byte) v;
                }
                yield out;
            }
        };
    }
}

package org.vogstream.core.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Float32 values as the records carry them: little-endian bytes, base64 in JSON (an event's
 * {@code input.data}, a statistics record's map subspace).
 */
public final class Float32Base64 {
    private Float32Base64() {}

    public static String encode(float[] values) {
        return Base64.getEncoder().encodeToString(bytes(values));
    }

    /** The values' little-endian bytes. */
    public static byte[] bytes(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return buf.array();
    }

    /** The values of decoded bytes whose count the caller has checked is a multiple of 4. */
    public static float[] floats(byte[] littleEndian) {
        float[] out = new float[littleEndian.length / 4];
        ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}

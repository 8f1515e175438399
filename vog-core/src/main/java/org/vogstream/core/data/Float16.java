package org.vogstream.core.data;

/**
 * IEEE 754 half precision (binary16) to and from float32; Java 17 has no
 * {@code Float.float16ToFloat}. Every half is exactly a float, so widening loses nothing; narrowing
 * rounds to nearest, ties to even, as NumPy's {@code astype(np.float16)} does.
 */
public final class Float16 {
    /** The largest finite half. */
    public static final float MAX = 65504f;

    private static final int FLOAT_EXPONENT_BIAS_GAP = 127 - 15;
    /** 65520 = halfway between {@link #MAX} and 2^16: from here up the nearest even half is infinity. */
    private static final int OVERFLOW_BITS = Float.floatToIntBits(65520f);
    /** Float exponent of the smallest normal half (2^-14). */
    private static final int MIN_NORMAL_EXPONENT = 1 + FLOAT_EXPONENT_BIAS_GAP;

    private Float16() {}

    /** The float equal to the half with these 16 bits. */
    public static float toFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) {
            // zero or subnormal, mantissa × 2^-24: exact in float, whose normal range reaches far lower
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | (exponent + FLOAT_EXPONENT_BIAS_GAP) << 23 | mantissa << 13);
    }

    /** The bits of the half nearest {@code value} (ties to even); beyond ±65520 that is ±infinity. */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7fffffff;
        if (abs > 0x7f800000) {
            return (short) (sign | 0x7e00);
        }
        if (abs >= OVERFLOW_BITS) {
            return (short) (sign | 0x7c00);
        }
        if (abs >>> 23 < MIN_NORMAL_EXPONENT) {
            // subnormal half, or zero: |value| × 2^24 is exact in double, rint rounds it to even
            return (short) (sign | (int) Math.rint(Math.abs((double) value) * 0x1p24));
        }
        int half = ((abs >>> 23) - FLOAT_EXPONENT_BIAS_GAP) << 10 | (abs & 0x7fffff) >>> 13;
        int dropped = abs & 0x1fff;
        if (dropped > 0x1000 || dropped == 0x1000 && (half & 1) == 1) {
            // a carry out of the mantissa steps the exponent up, which is the right half
            half++;
        }
        return (short) (sign | half);
    }
}

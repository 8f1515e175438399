package org.vogstream.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Float16Test {
    @Test
    void shouldWidenEveryHalfToTheValueItsBitsDefine() {
        int nan = 0;
        int infinite = 0;
        float previous = Float.NEGATIVE_INFINITY;
        for (int b = 0; b < 0x10000; b++) {
            int bits = b;
            float f = Float16.toFloat((short) bits);
            int exponent = bits >>> 10 & 0x1f;
            int mantissa = bits & 0x3ff;
            double sign = (bits & 0x8000) == 0 ? 1 : -1;
            if (exponent == 0x1f) {
                nan += mantissa != 0 && Float.isNaN(f) ? 1 : 0;
                infinite += mantissa == 0 && f == (float) (sign * Double.POSITIVE_INFINITY) ? 1 : 0;
                continue;
            }
            // the binary16 definition, in double: subnormals mantissa × 2^-24, normals (1 + m/1024) × 2^(e-15)
            double expected = exponent == 0 ? sign * mantissa * 0x1p-24
                    : sign * (1 + mantissa / 1024.0) * Math.pow(2, exponent - 15);
            assertEquals(expected, f, 0.0, () -> "half 0x" + Integer.toHexString(bits));
            assertEquals(Float16.fromFloat(f) & 0xffff, bits, () -> "back to half 0x" + Integer.toHexString(bits));
            if ((bits & 0x8000) == 0) {
                assertTrue(f > previous || bits == 0, () -> "order at 0x" + Integer.toHexString(bits));
                previous = f;
            }
        }
        assertEquals(2 * 1023, nan);
        assertEquals(2, infinite);
        assertEquals(65504f, Float16.toFloat((short) 0x7bff));
        assertEquals(0x1p-24f, Float16.toFloat((short) 0x0001));
        assertEquals(0x1p-14f, Float16.toFloat((short) 0x0400));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(Float16.toFloat((short) 0x8000)));
    }

    @Test
    void shouldNarrowToTheNearestHalfTiesToEven() {
        // every 257th float bit pattern, both signs: the result is a nearest half, and the even one on a tie
        for (long b = 0; b <= 0xffffffffL; b += 257) {
            float f = Float.intBitsToFloat((int) b);
            if (!Float.isFinite(f)) {
                continue;
            }
            short h = Float16.fromFloat(f);
            float got = Float16.toFloat(h);
            if (Math.abs(f) >= 65520f) {
                assertTrue(Float.isInfinite(got) && Math.signum(got) == Math.signum(f), () -> f + " -> " + got);
                continue;
            }
            double error = Math.abs((double) got - f);
            for (int step = -1; step <= 1; step += 2) {
                float neighbour = Float16.toFloat((short) (h + step));
                if (!Float.isFinite(neighbour) || Math.signum(neighbour) * Math.signum(got) < 0) {
                    continue;
                }
                double other = Math.abs((double) neighbour - f);
                assertTrue(error < other || error == other && (h & 1) == 0, () -> f + " -> " + got + ", not " + neighbour);
            }
        }
        assertEquals(0x3c00, Float16.fromFloat(1f + 0x1p-11f));
        assertEquals(0x3c02, Float16.fromFloat(1f + 3 * 0x1p-11f));
        assertEquals(0x7bff, Float16.fromFloat(65519.99f));
        assertEquals(0x7c00, Float16.fromFloat(65520f));
        assertEquals(0, Float16.fromFloat(0x1p-25f));
        assertEquals(1, Float16.fromFloat(0x1.0001p-25f));
        assertTrue(Float.isNaN(Float16.toFloat(Float16.fromFloat(Float.NaN))));
    }
}

package org.vogstream.train.corrupt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vogstream.train.data.LabeledImages;
import org.vogstream.train.testing.HeldOutDigits;

/** Every MNIST-C corruption on real digits: shape, range, determinism, and a property of its recipe. */
class CorruptionTest {
    private static float[] digit;
    private static float[] other;

    @BeforeAll
    static void digits() {
        LabeledImages all = HeldOutDigits.load();
        digit = all.example(17);
        other = all.example(203);
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void shouldKeepShapeAndRangeAndRepeatUnderASeed(Corruption c) {
        float[] a = c.apply(digit, new Random(9));
        float[] b = c.apply(digit, new Random(9));
        assertEquals(784, a.length);
        assertArrayEquals(a, b, c + " must be deterministic for a seed");
        for (float v : a) {
            assertTrue(v >= 0 && v <= 1 && !Float.isNaN(v), c + " produced " + v);
        }
        assertFalse(Arrays.equals(a, digit), c + " must change the digit");
        assertEquals(784, digit.length, "the input is left alone");
    }

    @Test
    void brightnessIsMinOfXPlusHalfAndOne() {
        float[] y = Corruption.BRIGHTNESS.apply(digit, new Random(1));
        for (int i = 0; i < 784; i++) {
            assertEquals(Math.min(digit[i] + 0.5f, 1f), y[i]);
        }
    }

    @Test
    void stripeInvertsExactlyColumnsZeroToSixAndTwentyOneToTwentySeven() {
        float[] y = Corruption.STRIPE.apply(digit, new Random(1));
        for (int i = 0; i < 784; i++) {
            int col = i % 28;
            assertEquals(col <= 6 || col >= 21 ? 1 - digit[i] : digit[i], y[i], 0f, "column " + col);
        }
    }

    @Test
    void translateShiftsByThreePixelsEachWay() {
        float[] y = Corruption.TRANSLATE.apply(digit, new Random(3));
        int matches = 0;
        for (int dx : new int[] {-3, 3}) {
            for (int dy : new int[] {-3, 3}) {
                boolean same = true;
                for (int row = 0; row < 28 && same; row++) {
                    for (int col = 0; col < 28 && same; col++) {
                        same = y[row * 28 + col] == Image28.get(digit, row - dy, col - dx);
                    }
                }
                matches += same ? 1 : 0;
            }
        }
        assertEquals(1, matches);
    }

    @Test
    void scaleShrinksTheDigitToSeventyPercent() {
        double ratio = sum(Corruption.SCALE.apply(digit, new Random(1))) / sum(digit);
        assertEquals(0.49, ratio, 0.12, "ink scales with the area, 0.7²");
    }

    @Test
    void rotateShearAndGlassBlurKeepTheInk() {
        for (Corruption c : new Corruption[] {Corruption.ROTATE, Corruption.SHEAR, Corruption.GLASS_BLUR}) {
            assertEquals(1, sum(c.apply(digit, new Random(2))) / sum(digit), 0.15, c.toString());
        }
    }

    @Test
    void impulseNoiseSetsSeventeenPercentOfPixelsToZeroOrOne() {
        float[] y = Corruption.IMPULSE_NOISE.apply(digit, new Random(4));
        int changed = 0;
        for (int i = 0; i < 784; i++) {
            if (y[i] != digit[i]) {
                changed++;
                assertTrue(y[i] == 0f || y[i] == 1f);
            }
        }
        assertTrue(changed > 0 && changed <= Math.round(0.17 * 784), "changed " + changed);
    }

    @Test
    void shotNoiseGivesThirdsOfPoissonCountsAndKeepsBlackBlack() {
        float[] y = Corruption.SHOT_NOISE.apply(digit, new Random(4));
        for (int i = 0; i < 784; i++) {
            float thirds = y[i] * 3;
            assertEquals(Math.round(thirds), thirds, 1e-5, "Poisson(3x)/3 is a multiple of 1/3");
            if (digit[i] == 0f) {
                assertEquals(0f, y[i]);
            }
        }
    }

    @Test
    void motionBlurIsAnAverageOfThePixels() {
        float[] y = Corruption.MOTION_BLUR.apply(digit, new Random(5));
        double max = 0;
        for (float v : digit) {
            max = Math.max(max, v);
        }
        for (float v : y) {
            assertTrue(v <= max + 1e-6);
        }
    }

    @Test
    void fogFollowsItsFormula() {
        float[] y = Corruption.FOG.apply(digit, new Random(6));
        float m = 0;
        for (float v : digit) {
            m = Math.max(m, v);
        }
        for (int i = 0; i < 784; i++) {
            assertTrue(y[i] >= digit[i] * m / (m + 3) - 1e-6 && y[i] <= (digit[i] + 3) * m / (m + 3) + 1e-6);
        }
    }

    @Test
    void spatterMovesPixelsTowardsItsGrey() {
        float[] y = Corruption.SPATTER.apply(other, new Random(7));
        float grey = 63 / 255f;
        for (int i = 0; i < 784; i++) {
            float lo = Math.min(other[i], grey);
            float hi = Math.max(other[i], grey);
            assertTrue(y[i] >= lo - 1e-6 && y[i] <= hi + 1e-6, "pixel " + i);
        }
    }

    @Test
    void linesOnlyAddInkAndTheDottedOneSkipsEveryOtherPairOfColumns() {
        float[] dotted = Corruption.DOTTED_LINE.apply(digit, new Random(8));
        float[] zigzag = Corruption.ZIGZAG.apply(digit, new Random(8));
        for (int i = 0; i < 784; i++) {
            assertTrue(dotted[i] >= digit[i] && zigzag[i] >= digit[i]);
            int col = i % 28;
            if ((col / 2) % 2 == 0 || col == 27) {
                assertEquals(digit[i], dotted[i], "column " + col + " stays dark");
            }
        }
    }

    @Test
    void cannyGivesBinaryEdgesInsideTheBorder() {
        float[] y = Corruption.CANNY_EDGES.apply(digit, new Random(1));
        int edges = 0;
        for (int i = 0; i < 784; i++) {
            assertTrue(y[i] == 0f || y[i] == 1f);
            int row = i / 28;
            int col = i % 28;
            if (row == 0 || col == 0 || row == 27 || col == 27) {
                assertEquals(0f, y[i]);
            }
            edges += (int) y[i];
        }
        assertTrue(edges > 20 && edges < 300, edges + " edge pixels");
    }
}

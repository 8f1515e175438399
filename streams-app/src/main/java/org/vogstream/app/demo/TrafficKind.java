package org.vogstream.app.demo;

import java.util.Random;

/**
 * What the demo sends: held-out digits (in distribution), the same digits corrupted in ways a
 * camera or a pipeline might, pure noise, and malformed records that must end as dead letters.
 */
public enum TrafficKind {
    CLEAN(true), GAUSSIAN_NOISE(false), INVERTED(false), STRIPE(false), SHIFTED(false), BRIGHT(false), UNIFORM_NOISE(false),
    MALFORMED(false);

    final boolean inDistribution;

    TrafficKind(boolean inDistribution) {
        this.inDistribution = inDistribution;
    }

    /** Roughly half the traffic clean, the rest corrupted, and a few malformed records. */
    static TrafficKind draw(Random r) {
        double u = r.nextDouble();
        if (u < 0.5) {
            return CLEAN;
        }
        if (u < 0.97) {
            TrafficKind[] corrupted = {GAUSSIAN_NOISE, INVERTED, STRIPE, SHIFTED, BRIGHT, UNIFORM_NOISE};
            return corrupted[r.nextInt(corrupted.length)];
        }
        return MALFORMED;
    }

    /** The digit (28×28 in [0, 1]) as this kind of traffic shows it. */
    float[] apply(float[] digit, Random r) {
        float[] x = digit.clone();
        switch (this) {
            case GAUSSIAN_NOISE -> {
                for (int i = 0; i < x.length; i++) {
                    x[i] = clip(x[i] + (float) (0.5 * r.nextGaussian()));
                }
            }
            case INVERTED -> {
                for (int i = 0; i < x.length; i++) {
                    x[i] = 1 - x[i];
                }
            }
            case STRIPE -> {
                for (int i = 0; i < x.length; i++) {
                    if (i % 28 < 7 || i % 28 >= 21) {
                        x[i] = 1 - x[i];
                    }
                }
            }
            case SHIFTED -> {
                for (int row = 0; row < 28; row++) {
                    for (int col = 0; col < 28; col++) {
                        x[row * 28 + col] = col >= 6 ? digit[row * 28 + col - 6] : 0;
                    }
                }
            }
            case BRIGHT -> {
                for (int i = 0; i < x.length; i++) {
                    x[i] = Math.min(1, x[i] + 0.5f);
                }
            }
            case UNIFORM_NOISE -> {
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.nextFloat();
                }
            }
            default -> { }
        }
        return x;
    }

    private static float clip(float v) {
        return Math.max(0, Math.min(1, v));
    }
}

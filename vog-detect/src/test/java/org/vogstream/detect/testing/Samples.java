package org.vogstream.detect.testing;

import java.util.Random;

/** Seeded samples shaped like VoG values: positive, skewed, spanning a few orders of magnitude. */
public final class Samples {
    private Samples() {}

    public static double[] lognormal(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.exp(r.nextGaussian() * 0.5 - 3);
        }
        return v;
    }
}

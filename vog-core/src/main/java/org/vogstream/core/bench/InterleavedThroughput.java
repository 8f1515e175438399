package org.vogstream.core.bench;

import java.util.Arrays;

/**
 * Examples per second of several methods, each the median of {@value #ROUNDS} rounds that take
 * turns. On a shared or virtual machine the speed drifts over seconds (±30% between runs here):
 * methods measured one after the other carry that drift into their ratios; taking turns spreads it
 * over all of them.
 */
public final class InterleavedThroughput {
    public static final int ROUNDS = 5;

    private InterleavedThroughput() {}

    /**
     * @param examplesPerRun the batch size
     * @param seconds measuring time per method, split over the rounds (after a warm-up of a third
     *     of it, at most a second, per method)
     * @param methods the methods, each running one batch; {@code null} ones are not measured and get NaN
     */
    public static double[] measure(int examplesPerRun, double seconds, Runnable... methods) {
        for (Runnable m : methods) {
            if (m != null) {
                runFor(m, examplesPerRun, Math.min(1.0, seconds / 3));
            }
        }
        double[][] perRound = new double[methods.length][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            // each round starts with another method: what one leaves behind (garbage, spinning threads) lands on each
            for (int j = 0; j < methods.length; j++) {
                int i = (round + j) % methods.length;
                perRound[i][round] = methods[i] == null ? Double.NaN : runFor(methods[i], examplesPerRun, seconds / ROUNDS);
            }
        }
        double[] medians = new double[methods.length];
        for (int i = 0; i < methods.length; i++) {
            Arrays.sort(perRound[i]);
            medians[i] = perRound[i][ROUNDS / 2];
        }
        return medians;
    }

    /** Runs the method for about {@code seconds} (at least once); its examples per second. */
    private static double runFor(Runnable method, int examplesPerRun, double seconds) {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long runs = 0;
        long now;
        do {
            method.run();
            runs++;
            now = System.nanoTime();
        } while (now < end);
        return runs * (double) examplesPerRun / ((now - start) / 1e9);
    }
}

package org.vogstream.core.eval;

/**
 * The population standard deviation over K runs of one measurement, position by position: VoG takes
 * it over checkpoints (the gradients of each pixel), the stability experiment over seeds (each example's VoG).
 */
public final class PopulationStd {
    private PopulationStd() {}

    /** @param runs [K][M], K ≥ 1 runs of M values each; @return [M] */
    public static double[] across(double[][] runs) {
        int k = runs.length;
        double[] std = new double[runs[0].length];
        for (int i = 0; i < std.length; i++) {
            double mean = 0;
            for (double[] r : runs) {
                mean += r[i];
            }
            mean /= k;
            double var = 0;
            for (double[] r : runs) {
                double d = r[i] - mean;
                var += d * d;
            }
            std[i] = Math.sqrt(var / k);
        }
        return std;
    }
}

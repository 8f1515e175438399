package org.vogstream.core.score;

/**
 * The VoG reduction of design.md §1 in plain Java: what the unfused way computes after running
 * K gradient graphs, and the reference the fused graph is tested against.
 */
public final class VogReduction {
    private VogReduction() {}

    /**
     * @param saliency S_t as [K][N·P] (channel means already taken)
     * @param n examples
     * @return VoG per example: mean over pixels of sqrt(population variance over K)
     */
    public static double[] fromSaliency(double[][] saliency, int n) {
        int k = saliency.length;
        int p = saliency[0].length / n;
        double[] vog = new double[n];
        for (int e = 0; e < n; e++) {
            double sum = 0;
            for (int i = 0; i < p; i++) {
                double mean = 0;
                for (double[] s : saliency) {
                    mean += s[e * p + i];
                }
                mean /= k;
                double var = 0;
                for (double[] s : saliency) {
                    double d = s[e * p + i] - mean;
                    var += d * d;
                }
                sum += Math.sqrt(var / k);
            }
            vog[e] = sum / p;
        }
        return vog;
    }

    /**
     * S_t of design.md §1 from input gradients of {@code n} examples of shape {@code exampleDims}:
     * the mean over the channel axis for inputs of rank ≥ 2 ([C, ...]), the gradient itself for vectors.
     */
    public static double[] saliency(float[] gradients, int n, long[] exampleDims) {
        double[] g = new double[gradients.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = gradients[i];
        }
        return exampleDims.length >= 2 ? channelMean(g, n, (int) exampleDims[0]) : g;
    }

    /** Channel mean of gradients [N, C, P] (P = pixels per channel) → [N, P]. */
    public static double[] channelMean(double[] grad, int n, int channels) {
        int p = grad.length / n / channels;
        double[] out = new double[n * p];
        for (int e = 0; e < n; e++) {
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < p; i++) {
                    out[e * p + i] += grad[(e * channels + c) * p + i] / channels;
                }
            }
        }
        return out;
    }
}

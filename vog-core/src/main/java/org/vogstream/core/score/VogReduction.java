package org.vogstream.core.score;

import org.vogstream.core.compile.InputLayout;
import org.vogstream.core.compile.VogMapGrid;
import org.vogstream.core.eval.PopulationStd;
import org.vogstream.core.onnx.Shapes;

/**
 * The VoG reduction of docs/design.md §1 in plain Java: what the unfused way computes after running
 * K gradient graphs, and the reference the fused graph's {@code vog} and {@code vog_map} are tested against.
 */
public final class VogReduction {
    private VogReduction() {}

    /**
     * @param saliency S_t as [K][N·P] (channel means already taken)
     * @param n examples
     * @return VoG per example: mean over pixels of sqrt(population variance over K)
     */
    public static double[] fromSaliency(double[][] saliency, int n) {
        double[] std = PopulationStd.across(saliency);
        int p = std.length / n;
        double[] vog = new double[n];
        for (int e = 0; e < n; e++) {
            double sum = 0;
            for (int i = 0; i < p; i++) {
                sum += std[e * p + i];
            }
            vog[e] = sum / p;
        }
        return vog;
    }

    /**
     * The fused graph's {@code vog_map}: V average-pooled onto {@link VogMapGrid#of}{@code (exampleDims)}.
     *
     * @param saliency S_t as [K][N·P] (channel means already taken)
     * @param n examples
     * @param exampleDims one example's input shape (with its channel axis, as the model takes it)
     * @return [N · cells], each example's map in row-major order of {@link VogMapGrid#mapDims()}
     */
    public static double[] vogMap(double[][] saliency, int n, long[] exampleDims) {
        VogMapGrid grid = VogMapGrid.of(exampleDims);
        long[] spatial = grid.spatialDims();
        int rank = spatial.length;
        int mapRank = grid.mapDims().length;
        int cells = Math.toIntExact(Shapes.elements(grid.mapDims()));
        double[] std = PopulationStd.across(saliency);
        int p = std.length / n;
        double[] sums = new double[n * cells];
        int[] counts = new int[cells];
        int[] coords = new int[rank];
        for (int i = 0; i < p; i++) {
            int cell = 0;
            for (int a = rank - mapRank; a < rank; a++) {
                cell = (int) (cell * grid.cells()[a] + coords[a] / grid.cellSize()[a]);
            }
            counts[cell]++;
            for (int e = 0; e < n; e++) {
                sums[e * cells + cell] += std[e * p + i];
            }
            for (int a = rank - 1; a >= 0 && ++coords[a] == spatial[a]; a--) {
                coords[a] = 0;
            }
        }
        for (int j = 0; j < sums.length; j++) {
            sums[j] /= counts[j % cells];
        }
        return sums;
    }

    /**
     * S_t of docs/design.md §1 from input gradients of {@code n} examples of shape {@code exampleDims}:
     * the mean over the channel axis for inputs of rank ≥ 2 ([C, ...]), the gradient itself for vectors.
     */
    public static double[] saliency(float[] gradients, int n, long[] exampleDims) {
        return saliency(gradients, n, exampleDims, InputLayout.CHANNELS_FIRST);
    }

    /** {@link #saliency(float[], int, long[])} with the channel axis where {@code layout} says ([..., C] when last). */
    public static double[] saliency(float[] gradients, int n, long[] exampleDims, InputLayout layout) {
        double[] g = new double[gradients.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = gradients[i];
        }
        return saliency(g, n, exampleDims, layout);
    }

    /** {@link #saliency(float[], int, long[])} of double-precision gradients (a vector's are returned as they are). */
    public static double[] saliency(double[] gradients, int n, long[] exampleDims) {
        return saliency(gradients, n, exampleDims, InputLayout.CHANNELS_FIRST);
    }

    private static double[] saliency(double[] g, int n, long[] exampleDims, InputLayout layout) {
        if (exampleDims.length < 2) {
            return g;
        }
        if (!layout.channelsLast()) {
            return channelMean(g, n, (int) exampleDims[0]);
        }
        int channels = (int) exampleDims[exampleDims.length - 1];
        double[] out = new double[g.length / channels];
        for (int i = 0; i < out.length; i++) {
            for (int c = 0; c < channels; c++) {
                out[i] += g[i * channels + c] / channels;
            }
        }
        return out;
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

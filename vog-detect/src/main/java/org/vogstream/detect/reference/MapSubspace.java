package org.vogstream.detect.reference;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * How one class's normalized VoG maps vary together: the leading principal directions of the
 * cell-wise normalized deviations z ({@link MapReference#signed}) over the reference maps, with
 * their variances, and the per-cell spread of what those directions leave over. Its score is the
 * power mean of order 3 over the example's coordinates along the directions (in units of their
 * spread) and its residual cells (in units of theirs): a principal-component reading of the map.
 *
 * <p>Why, beside the cell-wise score: a class's maps vary in correlated patterns (stroke width,
 * slant), so a change that keeps every cell within its own spread can still be a combination of
 * cells the class never shows. Inputs with two inverted side bands (the demo's stripes) move each
 * cell by less than half a spread on average and are all but invisible cell by cell; against the
 * directions they stand out. Measured on the bundled LeNet with {@code vog demo --duration 30s}:
 * stripes flagged at its 1% target rose from 35.5% to 54.5%; {@code reproduce mnist-c}: the fused
 * alert's mean AUROC from 91.86 to 92.71 and the VoG map's from 85.13 to 86.40 (the number of
 * directions was chosen on the first 2,000 test digits: 4, 8, 16 and 32 gave less; a full
 * covariance with shrinkage more for stripes, but {@code cells²} numbers per class).
 *
 * <p>Scored in float32, the precision the directions are stored in (stats.json), with the
 * directions held twice, by direction and by cell, so both passes over them are loops the JIT
 * compiler vectorizes: the coordinates as a sum of cells' rows, the residual as a sum of
 * directions. The double-precision projection it replaces was the detector's costliest step per
 * event ({@code vog bench-drain}, docs/results/performance.md).
 */
public final class MapSubspace {
    /** Most directions kept: 64 × 1,024 cells in float32 is 256 KiB of a class record. */
    public static final int MAX_DIRECTIONS = 64;
    /** Reference maps per direction: fewer make the trailing variances noise. */
    public static final int MAPS_PER_DIRECTION = 8;

    private final double[] components;
    private final double[] variances;
    private final double[] residualStd;
    /** The directions in float32, one array per direction. */
    private final float[][] byDirection;
    /**
     * The same, one array per cell, padded with zeros to a multiple of 16 directions. Arrays of
     * their own, not offsets into one: the JIT compiler of Java 17 leaves a loop over an offset
     * into one array and an index into another unvectorized (the two might be one array), 5 times
     * slower on this project's machine.
     */
    private final float[][] byCell;
    private final float[] inverseSpread;
    private final float[] inverseResidualStd;

    /**
     * @param components {@code k} unit directions, {@code k × cells} row-major
     * @param variances the reference's variance along each direction
     * @param residualStd per-cell spread of the reference's residuals, floored
     */
    public MapSubspace(double[] components, double[] variances, double[] residualStd) {
        int cells = residualStd.length;
        if (cells == 0 || components.length != variances.length * cells) {
            throw new IllegalArgumentException("a VoG map subspace needs directions × cells components, got "
                    + components.length + " for " + variances.length + " directions of " + cells + " cells");
        }
        requirePositiveFinite(variances, "a VoG map subspace's variances");
        requirePositiveFinite(residualStd, "a VoG map subspace's residual std");
        this.components = components;
        this.variances = variances;
        this.residualStd = residualStd;
        int k = variances.length;
        byDirection = new float[k][cells];
        byCell = new float[cells][(k + 15) / 16 * 16];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < cells; i++) {
                float c = (float) components[j * cells + i];
                byDirection[j][i] = c;
                byCell[i][j] = c;
            }
        }
        inverseSpread = new float[k];
        for (int j = 0; j < k; j++) {
            inverseSpread[j] = (float) (1 / Math.sqrt(variances[j]));
        }
        inverseResidualStd = new float[cells];
        for (int i = 0; i < cells; i++) {
            inverseResidualStd[i] = (float) (1 / residualStd[i]);
        }
    }

    /** {@code k} unit directions, {@code k × cells} row-major. */
    public double[] components() {
        return components;
    }

    /** The reference's variance along each direction. */
    public double[] variances() {
        return variances;
    }

    /** Per-cell spread of the reference's residuals, floored. */
    public double[] residualStd() {
        return residualStd;
    }

    static void requirePositiveFinite(double[] values, String what) {
        for (double v : values) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
            }
        }
    }

    /** The number of directions. */
    public int directions() {
        return variances.length;
    }

    /** The power mean of order 3 over the standardized coordinates and residuals of {@code z}. */
    public double score(double[] z) {
        return scores(new double[][] {z})[0];
    }

    /**
     * {@link #score} of several maps at once, with the same numbers: each map's sums run in the same
     * order, but a direction is read once for all of them, which is what a map costs once the
     * directions no longer fit in the core's cache between two maps of a class.
     */
    public double[] scores(double[][] zs) {
        int cells = residualStd.length;
        int n = zs.length;
        int k = variances.length;
        float[][] coordinates = new float[n][byCell[0].length];
        float[][] residuals = new float[n][cells];
        for (int e = 0; e < n; e++) {
            if (zs[e].length != cells) {
                throw new IllegalArgumentException("VoG map of " + zs[e].length + " cells, the subspace has " + cells);
            }
            for (int i = 0; i < cells; i++) {
                residuals[e][i] = (float) zs[e][i];
            }
        }
        for (int i = 0; i < cells; i++) {
            float[] cell = byCell[i];
            for (int e = 0; e < n; e++) {
                float zi = residuals[e][i];
                float[] c = coordinates[e];
                for (int j = 0; j < cell.length; j++) {
                    c[j] += cell[j] * zi;
                }
            }
        }
        for (int j = 0; j < k; j++) {
            float[] direction = byDirection[j];
            for (int e = 0; e < n; e++) {
                float cj = coordinates[e][j];
                float[] r = residuals[e];
                for (int i = 0; i < cells; i++) {
                    r[i] -= cj * direction[i];
                }
            }
        }
        double[] out = new double[n];
        for (int e = 0; e < n; e++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += cube(coordinates[e][j] * inverseSpread[j]);
            }
            for (int i = 0; i < cells; i++) {
                sum += cube(residuals[e][i] * inverseResidualStd[i]);
            }
            out[e] = Math.cbrt(sum / (cells + k));
        }
        return out;
    }

    /** The coordinates of {@code z} along the first {@code k} directions; {@code z} becomes its residual. */
    private static double[] project(double[] components, int k, double[] z) {
        int cells = z.length;
        double[] p = new double[k];
        for (int j = 0; j < k; j++) {
            int row = j * cells;
            double dot = 0;
            for (int i = 0; i < cells; i++) {
                dot += components[row + i] * z[i];
            }
            for (int i = 0; i < cells; i++) {
                z[i] -= dot * components[row + i];
            }
            p[j] = dot;
        }
        return p;
    }

    /** |x|³, the terms of the power means of order 3. */
    static double cube(double x) {
        double a = Math.abs(x);
        return a * a * a;
    }

    /**
     * Fits the directions to normalized deviations whose mean is zero (they were normalized
     * against the same maps' means): at most {@link #MAX_DIRECTIONS}, one per
     * {@link #MAPS_PER_DIRECTION} maps, and only directions the maps actually vary along.
     */
    public static MapSubspace fit(List<double[]> zs, int cells) {
        int n = zs.size();
        if (n == 0) {
            throw new IllegalArgumentException("no VoG maps to fit a subspace to");
        }
        double[][] cov = new double[cells][cells];
        for (double[] z : zs) {
            for (int a = 0; a < cells; a++) {
                double za = z[a];
                if (za == 0) {
                    continue;
                }
                double[] row = cov[a];
                for (int b = a; b < cells; b++) {
                    row[b] += za * z[b];
                }
            }
        }
        for (int a = 0; a < cells; a++) {
            for (int b = a; b < cells; b++) {
                cov[a][b] /= n;
                cov[b][a] = cov[a][b];
            }
        }
        Spectrum spectrum = Spectrum.of(new Array2DRowRealMatrix(cov, false));
        double total = 0;
        for (double v : spectrum.values) {
            total += Math.max(v, 0);
        }
        int k = Math.min(Math.min(MAX_DIRECTIONS, n / MAPS_PER_DIRECTION), cells - 1);
        // a direction that carries no variance (constant cells, fewer maps than cells) is no direction
        int kept = 0;
        while (kept < k && spectrum.values[kept] > 1e-9 * total) {
            kept++;
        }
        double[] components = new double[kept * cells];
        double[] variances = new double[kept];
        for (int j = 0; j < kept; j++) {
            System.arraycopy(spectrum.vectors.get(j), 0, components, j * cells, cells);
            variances[j] = spectrum.values[j];
        }
        return new MapSubspace(components, variances, residualStd(zs, components, kept, cells));
    }

    /** Eigenvalues of a covariance matrix, largest first, and their unit eigenvectors. */
    private record Spectrum(double[] values, List<double[]> vectors) {
        static Spectrum of(RealMatrix covariance) {
            try {
                EigenDecomposition eigen = new EigenDecomposition(covariance);
                double[] values = eigen.getRealEigenvalues();
                Integer[] order = new Integer[values.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
                double[] sorted = new double[values.length];
                List<double[]> vectors = new java.util.ArrayList<>(values.length);
                for (int j = 0; j < order.length; j++) {
                    sorted[j] = values[order[j]];
                    vectors.add(eigen.getEigenvector(order[j]).toArray());
                }
                return new Spectrum(sorted, vectors);
            } catch (MaxCountExceededException e) {
                // Commons Math's QL iteration gives up on some covariance matrices (one class of the 5,000
                // validation digits split in half did); a covariance is symmetric positive semi-definite,
                // so its singular values and left singular vectors, largest first, are its eigenpairs
                SingularValueDecomposition svd = new SingularValueDecomposition(covariance);
                RealMatrix u = svd.getU();
                List<double[]> vectors = new java.util.ArrayList<>(u.getColumnDimension());
                for (int j = 0; j < u.getColumnDimension(); j++) {
                    vectors.add(u.getColumn(j));
                }
                return new Spectrum(svd.getSingularValues(), vectors);
            }
        }
    }

    private static double[] residualStd(List<double[]> zs, double[] components, int kept, int cells) {
        double[] m2 = new double[cells];
        for (double[] z : zs) {
            double[] r = z.clone();
            project(components, kept, r);
            for (int i = 0; i < cells; i++) {
                m2[i] += r[i] * r[i];
            }
        }
        // floored as the cells are; z is in units of each cell's own spread, so a reference whose
        // residuals never vary is measured against a thousandth of it
        return MapReference.flooredStd(m2, zs.size(), 1e-3);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapSubspace s && Arrays.equals(components, s.components) && Arrays.equals(variances, s.variances)
                && Arrays.equals(residualStd, s.residualStd);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(components) + Arrays.hashCode(variances)) + Arrays.hashCode(residualStd);
    }

    @Override
    public String toString() {
        return "MapSubspace[" + variances.length + " directions of " + residualStd.length + " cells]";
    }
}

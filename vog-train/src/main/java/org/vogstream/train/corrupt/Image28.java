package org.vogstream.train.corrupt;

/** Pixel operations on 28×28 images stored row-major in [0, 1]. */
final class Image28 {
    static final int N = 28;
    static final double CENTRE = 13.5;

    private Image28() {}

    static float get(float[] img, int row, int col) {
        return row < 0 || row >= N || col < 0 || col >= N ? 0 : img[row * N + col];
    }

    static float clampedGet(float[] img, int row, int col) {
        return img[Math.max(0, Math.min(N - 1, row)) * N + Math.max(0, Math.min(N - 1, col))];
    }

    static float clip(double v) {
        return (float) Math.max(0, Math.min(1, v));
    }

    /** Bilinear sample at (row, col), 0 outside. */
    static float bilinear(float[] img, double row, double col) {
        int r0 = (int) Math.floor(row);
        int c0 = (int) Math.floor(col);
        double fr = row - r0;
        double fc = col - c0;
        return (float) ((1 - fr) * ((1 - fc) * get(img, r0, c0) + fc * get(img, r0, c0 + 1))
                + fr * ((1 - fc) * get(img, r0 + 1, c0) + fc * get(img, r0 + 1, c0 + 1)));
    }

    /**
     * Inverse affine warp about the centre: output(p) = input(A·(p − c) + c), with p = (x, y) =
     * (column, row), bilinear, 0 outside.
     */
    static float[] affine(float[] img, double a, double b, double c, double d) {
        float[] out = new float[N * N];
        for (int row = 0; row < N; row++) {
            for (int col = 0; col < N; col++) {
                double x = col - CENTRE;
                double y = row - CENTRE;
                out[row * N + col] = bilinear(img, c * x + d * y + CENTRE, a * x + b * y + CENTRE);
            }
        }
        return out;
    }

    static float[] gaussianKernel(double sigma) {
        int radius = (int) Math.ceil(4 * sigma);
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** Gaussian blur along columns (vertical) and, when {@code both}, along rows; edges repeated. */
    static float[] blur(float[] img, double sigma, boolean both) {
        float[] k = gaussianKernel(sigma);
        int r = k.length / 2;
        float[] v = new float[N * N];
        for (int row = 0; row < N; row++) {
            for (int col = 0; col < N; col++) {
                double s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * clampedGet(img, row + i, col);
                }
                v[row * N + col] = (float) s;
            }
        }
        if (!both) {
            return v;
        }
        float[] h = new float[N * N];
        for (int row = 0; row < N; row++) {
            for (int col = 0; col < N; col++) {
                double s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * clampedGet(v, row, col + i);
                }
                h[row * N + col] = (float) s;
            }
        }
        return h;
    }

    /** The line-drawing profile of dotted_line and zigzag for a distance d in pixels. */
    static double lineProfile(double d) {
        if (d >= 2.3) {
            return 0;
        }
        return Math.max(0, Math.min(1, Math.log(1 - d / 2.3) + 1));
    }

    /** Distance from (x, y) to the segment (x0, y0)–(x1, y1). */
    static double segmentDistance(double x, double y, double x0, double y0, double x1, double y1) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / len2));
        return Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy));
    }
}

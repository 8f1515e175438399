package org.vogstream.train.corrupt;

import static org.vogstream.train.corrupt.Image28.N;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Random;

/**
 * The 15 MNIST-C corruptions at the reference code's default severities (recipes:
 * shared/reference/mnist-c.md). Each maps a 28×28 digit in [0, 1] to a corrupted one in [0, 1];
 * randomness comes only from the given {@link Random}.
 */
public enum Corruption {
    SHOT_NOISE {
        @Override
        float[] corrupt(float[] x, Random r) {
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Image28.clip(poisson(3 * x[i], r) / 3.0);
            }
            return y;
        }
    },
    IMPULSE_NOISE {
        @Override
        float[] corrupt(float[] x, Random r) {
            float[] y = x.clone();
            int[] order = permutation(r);
            int count = (int) Math.round(0.17 * x.length);
            for (int i = 0; i < count; i++) {
                y[order[i]] = i < count / 2 ? 1f : 0f;
            }
            return y;
        }
    },
    GLASS_BLUR {
        @Override
        float[] corrupt(float[] x, Random r) {
            float[] y = Image28.blur(x, 0.7, false);
            for (int iteration = 0; iteration < 2; iteration++) {
                for (int h = N - 1; h > 1; h--) {
                    for (int w = N - 1; w > 1; w--) {
                        int dx = -r.nextInt(2);
                        int dy = -r.nextInt(2);
                        int a = h * N + w;
                        int b = (h + dy) * N + (w + dx);
                        float t = y[a];
                        y[a] = y[b];
                        y[b] = t;
                    }
                }
            }
            float[] z = Image28.blur(y, 0.7, false);
            for (int i = 0; i < z.length; i++) {
                z[i] = Image28.clip(z[i]);
            }
            return z;
        }
    },
    MOTION_BLUR {
        @Override
        float[] corrupt(float[] x, Random r) {
            double angle = Math.toRadians(-45 + 90 * r.nextDouble());
            double[] w = new double[21];
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.exp(-i * i / 18.0);
                sum += w[i];
            }
            float[] y = new float[x.length];
            for (int row = 0; row < N; row++) {
                for (int col = 0; col < N; col++) {
                    double s = 0;
                    for (int i = 0; i < w.length; i++) {
                        s += w[i] * Image28.clampedGet(x, row + (int) Math.round(i * Math.sin(angle)),
                                col + (int) Math.round(i * Math.cos(angle)));
                    }
                    y[row * N + col] = Image28.clip(s / sum);
                }
            }
            return y;
        }
    },
    SHEAR {
        @Override
        float[] corrupt(float[] x, Random r) {
            double s = r.nextBoolean() ? 0.4 : -0.4;
            return Image28.affine(x, 1, -Math.sin(s), 0, Math.cos(s));
        }
    },
    SCALE {
        @Override
        float[] corrupt(float[] x, Random r) {
            return Image28.affine(x, 1 / 0.7, 0, 0, 1 / 0.7);
        }
    },
    ROTATE {
        @Override
        float[] corrupt(float[] x, Random r) {
            double t = r.nextBoolean() ? 0.4 : -0.4;
            return Image28.affine(x, Math.cos(t), -Math.sin(t), Math.sin(t), Math.cos(t));
        }
    },
    TRANSLATE {
        @Override
        float[] corrupt(float[] x, Random r) {
            int dx = r.nextBoolean() ? 3 : -3;
            int dy = r.nextBoolean() ? 3 : -3;
            float[] y = new float[x.length];
            for (int row = 0; row < N; row++) {
                for (int col = 0; col < N; col++) {
                    y[row * N + col] = Image28.get(x, row - dy, col - dx);
                }
            }
            return y;
        }
    },
    BRIGHTNESS {
        @Override
        float[] corrupt(float[] x, Random r) {
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Math.min(x[i] + 0.5f, 1f);
            }
            return y;
        }
    },
    STRIPE {
        @Override
        float[] corrupt(float[] x, Random r) {
            float[] y = x.clone();
            for (int i = 0; i < x.length; i++) {
                int col = i % N;
                if (col <= 6 || col >= 21) {
                    y[i] = 1 - x[i];
                }
            }
            return y;
        }
    },
    FOG {
        @Override
        float[] corrupt(float[] x, Random r) {
            float[] fog = Plasma.fractal(256, 100, 1.4, r);
            float max = 0;
            for (float v : x) {
                max = Math.max(max, v);
            }
            float[] y = new float[x.length];
            for (int row = 0; row < N; row++) {
                for (int col = 0; col < N; col++) {
                    int i = row * N + col;
                    y[i] = Image28.clip((x[i] + 3 * fog[row * 256 + col]) * max / (max + 3));
                }
            }
            return y;
        }
    },
    SPATTER {
        @Override
        float[] corrupt(float[] x, Random r) {
            float[] liquid = new float[x.length];
            for (int i = 0; i < liquid.length; i++) {
                liquid[i] = (float) (0.65 + 0.3 * r.nextGaussian());
            }
            liquid = Image28.blur(liquid, 1, true);
            float[] mask = new float[x.length];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = liquid[i] > 0.65f ? 1 : 0;
            }
            mask = Image28.blur(mask, 1.5, true);
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                float m = mask[i] < 0.8f ? 0 : mask[i];
                y[i] = Image28.clip(x[i] * (1 - m) + 63 / 255.0 * m);
            }
            return y;
        }
    },
    DOTTED_LINE {
        @Override
        float[] corrupt(float[] x, Random r) {
            int r0 = r.nextInt(27);
            int r1 = r.nextInt(27);
            float[] y = x.clone();
            for (int row = 0; row < N; row++) {
                for (int col = 0; col < N - 1; col++) {
                    if ((col / 2) % 2 == 0) {
                        continue;
                    }
                    double line = r0 + (r1 - r0) * col / 27.0;
                    y[row * N + col] = Image28.clip(x[row * N + col] + Image28.lineProfile(Math.abs(row - line)));
                }
            }
            return y;
        }
    },
    ZIGZAG {
        @Override
        float[] corrupt(float[] x, Random r) {
            int r0 = r.nextInt(27);
            int r1 = Math.max(0, Math.min(27, r0 + r.nextInt(10) - 5));
            int points = 12;
            double[] px = new double[points];
            double[] py = new double[points];
            for (int i = 0; i < points; i++) {
                double t = i / (double) (points - 1);
                px[i] = 2 + 23 * t;
                py[i] = r0 + (r1 - r0) * t + (i % 2 == 0 ? 2 : -2);
            }
            float[] y = x.clone();
            for (int row = 0; row < N; row++) {
                for (int col = 0; col < N; col++) {
                    double d = Double.MAX_VALUE;
                    for (int i = 0; i + 1 < points; i++) {
                        d = Math.min(d, Image28.segmentDistance(col, row, px[i], py[i], px[i + 1], py[i + 1]));
                    }
                    y[row * N + col] = Image28.clip(x[row * N + col] + Image28.lineProfile(d));
                }
            }
            return y;
        }
    },
    CANNY_EDGES {
        @Override
        float[] corrupt(float[] x, Random r) {
            return Canny.edges(x, 1.0, 0.1, 0.2);
        }
    };

    /** The corrupted digit; {@code x} is left as it is. */
    abstract float[] corrupt(float[] x, Random r);

    public float[] apply(float[] x, Random r) {
        if (x.length != N * N) {
            throw new IllegalArgumentException("MNIST-C corruptions take 28×28 = 784 values, got " + x.length);
        }
        return corrupt(x, r);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static int poisson(double lambda, Random r) {
        double limit = Math.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > limit);
        return k - 1;
    }

    static int[] permutation(Random r) {
        int[] p = new int[N * N];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        for (int i = p.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Diamond-square plasma fractal, normalized to [0, 1] (the fog's texture). */
    static final class Plasma {
        private Plasma() {}

        static float[] fractal(int size, double wibble, double decay, Random r) {
            double[] map = new double[size * size];
            double w = wibble;
            for (int step = size; step >= 2; step /= 2) {
                int half = step / 2;
                // squares: the centre of each square from its four corners
                for (int row = 0; row < size; row += step) {
                    for (int col = 0; col < size; col += step) {
                        double sum = map[row * size + col] + map[((row + step) % size) * size + col]
                                + map[row * size + (col + step) % size] + map[((row + step) % size) * size + (col + step) % size];
                        map[(row + half) * size + col + half] = sum / 4 + w * (2 * r.nextDouble() - 1) * w;
                    }
                }
                // diamonds: edge midpoints from the two corners and two centres around them
                for (int row = 0; row < size; row += step) {
                    for (int col = 0; col < size; col += step) {
                        double top = map[row * size + col] + map[row * size + (col + step) % size]
                                + map[(row + half) * size + col + half]
                                + map[((row - half + size) % size) * size + col + half];
                        map[row * size + col + half] = top / 4 + w * (2 * r.nextDouble() - 1) * w;
                        double left = map[row * size + col] + map[((row + step) % size) * size + col]
                                + map[(row + half) * size + col + half]
                                + map[(row + half) * size + (col - half + size) % size];
                        map[(row + half) * size + col] = left / 4 + w * (2 * r.nextDouble() - 1) * w;
                    }
                }
                w /= decay;
            }
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (double v : map) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            float[] out = new float[map.length];
            for (int i = 0; i < map.length; i++) {
                out[i] = (float) ((map[i] - min) / (max - min));
            }
            return out;
        }
    }

    /** Canny edge detection: Gaussian smoothing, Sobel gradients, non-maximum suppression, hysteresis. */
    static final class Canny {
        private Canny() {}

        static float[] edges(float[] x, double sigma, double low, double high) {
            float[] s = Image28.blur(x, sigma, true);
            double[] mag = new double[N * N];
            double[] gx = new double[N * N];
            double[] gy = new double[N * N];
            for (int row = 0; row < N; row++) {
                for (int col = 0; col < N; col++) {
                    double dx = (Image28.clampedGet(s, row - 1, col + 1) + 2 * Image28.clampedGet(s, row, col + 1)
                            + Image28.clampedGet(s, row + 1, col + 1)) - (Image28.clampedGet(s, row - 1, col - 1)
                            + 2 * Image28.clampedGet(s, row, col - 1) + Image28.clampedGet(s, row + 1, col - 1));
                    double dy = (Image28.clampedGet(s, row + 1, col - 1) + 2 * Image28.clampedGet(s, row + 1, col)
                            + Image28.clampedGet(s, row + 1, col + 1)) - (Image28.clampedGet(s, row - 1, col - 1)
                            + 2 * Image28.clampedGet(s, row - 1, col) + Image28.clampedGet(s, row - 1, col + 1));
                    gx[row * N + col] = dx;
                    gy[row * N + col] = dy;
                    mag[row * N + col] = Math.hypot(dx, dy);
                }
            }
            boolean[] strong = new boolean[N * N];
            boolean[] weak = new boolean[N * N];
            for (int row = 1; row < N - 1; row++) {
                for (int col = 1; col < N - 1; col++) {
                    int i = row * N + col;
                    double angle = Math.toDegrees(Math.atan2(gy[i], gx[i]));
                    angle = angle < 0 ? angle + 180 : angle;
                    int dr;
                    int dc;
                    if (angle < 22.5 || angle >= 157.5) {
                        dr = 0;
                        dc = 1;
                    } else if (angle < 67.5) {
                        dr = 1;
                        dc = 1;
                    } else if (angle < 112.5) {
                        dr = 1;
                        dc = 0;
                    } else {
                        dr = 1;
                        dc = -1;
                    }
                    double m = mag[i];
                    if (m >= mag[(row + dr) * N + col + dc] && m >= mag[(row - dr) * N + col - dc]) {
                        strong[i] = m >= high;
                        weak[i] = m >= low;
                    }
                }
            }
            float[] out = new float[N * N];
            Deque<Integer> queue = new ArrayDeque<>();
            for (int i = 0; i < out.length; i++) {
                if (strong[i]) {
                    out[i] = 1;
                    queue.add(i);
                }
            }
            while (!queue.isEmpty()) {
                int i = queue.poll();
                int row = i / N;
                int col = i % N;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        int rr = row + dr;
                        int cc = col + dc;
                        if (rr > 0 && rr < N - 1 && cc > 0 && cc < N - 1) {
                            int j = rr * N + cc;
                            if (weak[j] && out[j] == 0) {
                                out[j] = 1;
                                queue.add(j);
                            }
                        }
                    }
                }
            }
            return out;
        }
    }
}

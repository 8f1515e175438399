package org.vogstream.core.eval;

/**
 * Welch's two-sample t-test (unequal variances): t, the Welch–Satterthwaite degrees of freedom and
 * the two-sided p-value from Student's t distribution.
 *
 * @param meanA mean of the first sample
 * @param meanB mean of the second
 * @param stdA sample standard deviation of the first (n − 1)
 * @param stdB of the second
 * @param t the statistic, (meanA − meanB) / standard error
 * @param df degrees of freedom
 * @param p two-sided p-value
 */
public record WelchTTest(double meanA, double meanB, double stdA, double stdB, double t, double df, double p) {
    public static WelchTTest of(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("each sample needs at least 2 values");
        }
        double ma = mean(a);
        double mb = mean(b);
        double va = variance(a, ma);
        double vb = variance(b, mb);
        double sa = va / a.length;
        double sb = vb / b.length;
        double t = (ma - mb) / Math.sqrt(sa + sb);
        double df = (sa + sb) * (sa + sb) / (sa * sa / (a.length - 1) + sb * sb / (b.length - 1));
        double p = Beta.regularizedIncomplete(df / (df + t * t), df / 2, 0.5);
        return new WelchTTest(ma, mb, Math.sqrt(va), Math.sqrt(vb), t, df, p);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double variance(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return s / (v.length - 1);
    }

    /** The regularized incomplete beta function I_x(a, b), by Lentz's continued fraction. */
    static final class Beta {
        private Beta() {}

        static double regularizedIncomplete(double x, double a, double b) {
            if (x <= 0) {
                return 0;
            }
            if (x >= 1) {
                return 1;
            }
            double lnFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * Math.log(x) + b * Math.log(1 - x);
            if (x < (a + 1) / (a + b + 2)) {
                return Math.exp(lnFront) * continuedFraction(x, a, b) / a;
            }
            return 1 - Math.exp(lnFront) * continuedFraction(1 - x, b, a) / b;
        }

        private static double continuedFraction(double x, double a, double b) {
            double tiny = 1e-300;
            double c = 1;
            double d = 1 - (a + b) * x / (a + 1);
            d = Math.abs(d) < tiny ? tiny : d;
            d = 1 / d;
            double h = d;
            for (int m = 1; m <= 500; m++) {
                int m2 = 2 * m;
                double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
                d = 1 + aa * d;
                d = Math.abs(d) < tiny ? tiny : d;
                c = 1 + aa / c;
                c = Math.abs(c) < tiny ? tiny : c;
                d = 1 / d;
                h *= d * c;
                aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
                d = 1 + aa * d;
                d = Math.abs(d) < tiny ? tiny : d;
                c = 1 + aa / c;
                c = Math.abs(c) < tiny ? tiny : c;
                d = 1 / d;
                double delta = d * c;
                h *= delta;
                if (Math.abs(delta - 1) < 1e-15) {
                    break;
                }
            }
            return h;
        }

        /** ln Γ(x) by the Lanczos approximation (g = 7, 9 terms). */
        static double lgamma(double x) {
            double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
                1.5056327351493116e-7};
            if (x < 0.5) {
                return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
            }
            x -= 1;
            double a = g[0];
            double t = x + 7.5;
            for (int i = 1; i < 9; i++) {
                a += g[i] / (x + i);
            }
            return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
        }
    }
}

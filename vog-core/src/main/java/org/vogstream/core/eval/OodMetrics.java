package org.vogstream.core.eval;

import java.util.Arrays;

/**
 * Out-of-distribution detection metrics (Hendrycks & Gimpel), for scores where higher means more
 * likely out of distribution: AUROC and AUPR-out take OoD as the positive class, AUPR-in takes
 * in-distribution as positive with the negated score, FPR@95 is the fraction of in-distribution
 * examples flagged at the threshold that catches 95% of OoD examples. Ties count half (AUROC) or
 * move together (precision-recall, FPR).
 */
public final class OodMetrics {
    private OodMetrics() {}

    /** P(score of a random OoD example > score of a random in-distribution one), ties ½. */
    public static double auroc(double[] in, double[] out) {
        double[] sortedIn = in.clone();
        Arrays.sort(sortedIn);
        double sum = 0;
        for (double o : out) {
            int below = lowerBound(sortedIn, o);
            int notAbove = upperBound(sortedIn, o);
            sum += below + 0.5 * (notAbove - below);
        }
        return sum / ((double) in.length * out.length);
    }

    /** Average precision with OoD as positive. */
    public static double auprOut(double[] in, double[] out) {
        return averagePrecision(out, in);
    }

    /** Average precision with in-distribution as positive and the score negated. */
    public static double auprIn(double[] in, double[] out) {
        return averagePrecision(negate(in), negate(out));
    }

    /** Fraction of in-distribution scores at or above the threshold that flags 95% of OoD scores. */
    public static double fprAt95(double[] in, double[] out) {
        double[] sortedOut = out.clone();
        Arrays.sort(sortedOut);
        // the largest threshold t with |{out ≥ t}| ≥ 95% of out
        int k = (int) Math.ceil(0.95 * out.length);
        double threshold = sortedOut[out.length - k];
        long flagged = Arrays.stream(in).filter(v -> v >= threshold).count();
        return (double) flagged / in.length;
    }

    /** Average precision of positives among negatives: the mean, over distinct score levels, of precision × recall gained. */
    static double averagePrecision(double[] positives, double[] negatives) {
        int n = positives.length + negatives.length;
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < positives.length; i++) {
            scores[i] = positives[i];
            positive[i] = true;
        }
        System.arraycopy(negatives, 0, scores, positives.length, negatives.length);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        double ap = 0;
        int tp = 0;
        int seen = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            int tpHere = 0;
            while (j < n && scores[order[j]] == scores[order[i]]) {
                tpHere += positive[order[j]] ? 1 : 0;
                j++;
            }
            tp += tpHere;
            seen = j;
            ap += (double) tpHere / positives.length * tp / seen;
            i = j;
        }
        return ap;
    }

    private static double[] negate(double[] v) {
        return Arrays.stream(v).map(x -> -x).toArray();
    }

    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

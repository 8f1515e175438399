package org.vogstream.core.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Error rate per decile of a score (the paper's Fig. 4): decile 1 holds the lowest 10% of scores. */
public final class ErrorByDecile {
    private ErrorByDecile() {}

    /** @return ten error rates, lowest-score decile first */
    public static double[] of(double[] scores, boolean[] wrong) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double[] rates = new double[10];
        for (int d = 0; d < 10; d++) {
            int from = d * scores.length / 10;
            int to = (d + 1) * scores.length / 10;
            int errors = 0;
            for (int i = from; i < to; i++) {
                errors += wrong[order[i]] ? 1 : 0;
            }
            rates[d] = to > from ? (double) errors / (to - from) : 0;
        }
        return rates;
    }
}

package org.vogstream.core.eval;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.StandardDeviation;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

/**
 * Welch's two-sample t-test (unequal variances), by Apache Commons Statistics: t, the
 * Welch–Satterthwaite degrees of freedom and the two-sided p-value from Student's t distribution.
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
    private static final TTest WELCH = TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC);

    public static WelchTTest of(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("each sample needs at least 2 values");
        }
        TTest.Result r = WELCH.test(a, b);
        return new WelchTTest(Mean.of(a).getAsDouble(), Mean.of(b).getAsDouble(), StandardDeviation.of(a).getAsDouble(),
                StandardDeviation.of(b).getAsDouble(), r.getStatistic(), r.getDegreesOfFreedom(), r.getPValue());
    }
}

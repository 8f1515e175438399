package org.vogstream.core.eval;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.ranking.NaNStrategy;
import org.apache.commons.statistics.ranking.NaturalRanking;
import org.apache.commons.statistics.ranking.TiesStrategy;

/** Spearman's rank correlation, ties given their average rank (ranks by Apache Commons Statistics). */
public final class RankCorrelation {
    // a NaN score is a bug upstream: refuse it rather than rank it anywhere
    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    private RankCorrelation() {}

    public static double spearman(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("need two samples of the same length ≥ 2, got " + a.length + " and " + b.length);
        }
        return pearson(ranks(a), ranks(b));
    }

    /** Ranks 1..n; tied values share the mean of the ranks they span. */
    public static double[] ranks(double[] v) {
        return RANKING.apply(v);
    }

    /** Pearson's correlation of the ranks: Commons Statistics has no correlation, and Spearman's is just this. */
    static double pearson(double[] x, double[] y) {
        double mx = Mean.of(x).getAsDouble();
        double my = Mean.of(y).getAsDouble();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}

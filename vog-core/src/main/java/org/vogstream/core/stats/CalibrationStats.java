package org.vogstream.core.stats;

import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics of one model set: per class, and pooled over all classes for classes with fewer
 * than {@code minCount} reference examples (or none).
 *
 * @param modelSet the model set
 * @param labels how examples were assigned to classes
 * @param minCount reference examples a class needs to be normalized by its own statistics
 * @param classes statistics by class
 * @param pooled statistics of all reference examples together
 */
public record CalibrationStats(String modelSet, Labels labels, int minCount, Map<Integer, ClassStats> classes,
        ClassStats pooled) {
    /** Default {@code minCount}: fewer examples give unstable tail quantiles. */
    public static final int DEFAULT_MIN_COUNT = 30;

    public CalibrationStats {
        classes = new TreeMap<>(classes);
    }

    /** The statistics that apply to class {@code cls}. */
    public ClassStats forClass(int cls) {
        ClassStats own = classes.get(cls);
        return own != null && own.count() >= minCount ? own : pooled;
    }

    public Normalized normalize(int cls, double vog) {
        ClassStats stats = forClass(cls);
        return new Normalized(stats.z(vog), stats.percentile(vog), stats);
    }
}

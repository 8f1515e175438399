package org.vogstream.detect.stats;

import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics of one model set: per class, and pooled over all classes for classes with fewer
 * than {@code minCount} reference examples (or none); {@link StatsLookup} decides which applies.
 *
 * @param modelSet the model set
 * @param labels how examples were assigned to classes
 * @param minCount reference examples a class needs to be normalized by its own statistics
 * @param classes statistics by class
 * @param pooled statistics of all reference examples together
 */
public record CalibrationStats(String modelSet, Labels labels, int minCount, Map<Integer, ClassStats> classes,
        ClassStats pooled) {
    public CalibrationStats {
        classes = new TreeMap<>(classes);
    }

    /** The statistics that apply to class {@code cls} ({@link StatsLookup}'s decision). */
    public ClassStats forClass(int cls) {
        return StatsLookup.of(this).find(modelSet, cls).orElseThrow();
    }

    public Normalized normalize(int cls, double vog) {
        return StatsLookup.of(this).normalize(modelSet, cls, vog).orElseThrow();
    }
}

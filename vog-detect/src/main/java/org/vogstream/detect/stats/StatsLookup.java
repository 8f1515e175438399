package org.vogstream.detect.stats;

import java.util.Optional;
import java.util.function.Function;

/**
 * Which statistics normalize an event of a class: the class's own when its calibration saw at
 * least {@link ClassStats#minCount()} reference examples of it, else the pooled ones, else (a model
 * set whose pooled record has not arrived) the class's own however few. The one copy of this
 * decision, used by streaming and by the offline commands alike.
 */
public final class StatsLookup {
    private final Function<ClassStatsKey, Optional<ClassStats>> source;

    /** @param source the statistics stored under a key, if any */
    public StatsLookup(Function<ClassStatsKey, Optional<ClassStats>> source) {
        this.source = source;
    }

    /** A lookup over one model set's statistics held in memory (a {@code vog calibrate} file). */
    public static StatsLookup of(CalibrationStats stats) {
        return new StatsLookup(key -> {
            if (!key.modelSet().equals(stats.modelSet())) {
                return Optional.empty();
            }
            return key.isPooled() ? Optional.of(stats.pooled())
                    : Optional.ofNullable(stats.classes().get(key.cls().getAsInt()));
        });
    }

    /** The statistics for class {@code cls} of {@code modelSet}, empty when the model set has none. */
    public Optional<ClassStats> find(String modelSet, int cls) {
        Optional<ClassStats> own = source.apply(ClassStatsKey.of(modelSet, cls));
        if (own.isPresent() && own.get().count() >= own.get().minCount()) {
            return own;
        }
        Optional<ClassStats> pooled = source.apply(ClassStatsKey.pooled(modelSet));
        return pooled.isPresent() ? pooled : own;
    }

    /** The model set's pooled statistics, if they have arrived. */
    public Optional<ClassStats> pooled(String modelSet) {
        return source.apply(ClassStatsKey.pooled(modelSet));
    }

    /** The event's VoG against those statistics, empty when the model set has none. */
    public Optional<Normalized> normalize(String modelSet, int cls, double vog) {
        return find(modelSet, cls).map(s -> new Normalized(s.z(vog), s.percentile(vog), s));
    }
}

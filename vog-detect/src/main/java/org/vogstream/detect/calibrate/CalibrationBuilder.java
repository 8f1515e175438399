package org.vogstream.detect.calibrate;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.vogstream.detect.reference.DetectorCalibrator;
import org.vogstream.detect.reference.DetectorStats;
import org.vogstream.detect.reference.Moments;
import org.vogstream.detect.reference.QuantileGrid;
import org.vogstream.detect.stats.CalibrationStats;
import org.vogstream.detect.stats.ClassStats;
import org.vogstream.detect.stats.ClassStatsKey;
import org.vogstream.detect.stats.Labels;

/** Collects reference VoG values by class and builds {@link CalibrationStats}. */
public final class CalibrationBuilder {
    private final String modelSet;
    private final Labels labels;
    private final Map<Integer, Samples> byClass = new HashMap<>();
    private final Samples all = new Samples();

    public CalibrationBuilder(String modelSet, Labels labels) {
        this.modelSet = modelSet;
        this.labels = labels;
    }

    public void add(int cls, double vog) {
        if (!Double.isFinite(vog)) {
            throw new IllegalArgumentException("class " + cls + ": VoG " + vog + " is not finite");
        }
        byClass.computeIfAbsent(cls, c -> new Samples()).add(vog);
        all.add(vog);
    }

    public CalibrationStats build(int minCount) {
        return build(minCount, null);
    }

    /** With the detector's references (by predicted class) attached to the classes they were built for. */
    public CalibrationStats build(int minCount, DetectorCalibrator.Result detector) {
        if (all.moments.count() == 0) {
            throw new IllegalStateException("no reference examples to calibrate with");
        }
        Map<Integer, ClassStats> classes = new HashMap<>();
        byClass.forEach((cls, s) -> classes.put(cls, s.stats(ClassStatsKey.of(modelSet, cls), minCount,
                detector == null ? Optional.empty() : Optional.ofNullable(detector.classes().get(cls)))));
        return new CalibrationStats(modelSet, labels, minCount, classes, all.stats(ClassStatsKey.pooled(modelSet), minCount,
                detector == null ? Optional.empty() : Optional.of(detector.pooled())));
    }

    private final class Samples {
        final Moments moments = new Moments();
        double[] values = new double[64];

        void add(double v) {
            if (moments.count() == values.length) {
                values = java.util.Arrays.copyOf(values, values.length * 2);
            }
            values[(int) moments.count()] = v;
            moments.add(v);
        }

        ClassStats stats(ClassStatsKey key, int minCount, Optional<DetectorStats> detector) {
            double[] data = java.util.Arrays.copyOf(values, (int) moments.count());
            return new ClassStats(key, labels, moments.count(), minCount, moments.mean(), moments.std(),
                    QuantileGrid.of(data), detector);
        }
    }
}

package org.vogstream.detect.decide;

import java.util.List;
import java.util.Optional;
import org.vogstream.core.score.Score;
import org.vogstream.detect.reference.DetectorStats;
import org.vogstream.detect.stats.Bounds;
import org.vogstream.detect.stats.Normalized;
import org.vogstream.detect.stats.StatsLookup;
import org.vogstream.detect.stats.Tail;
import org.vogstream.detect.stats.Threshold;

/**
 * The one place an alert is decided, for the streaming topology and {@code vog score} alike: an
 * example's scores, its model set's class statistics and the threshold in force (the most specific
 * of {@code model=NAME/class=C}, {@code model=NAME}, {@code *}, else the defaults) give whether it
 * is out of distribution, by which bound of which scope, and why.
 */
public final class AlertDecider {
    private final Detector detector;
    private final Thresholds thresholds;
    private final ThresholdSetting defaults;

    /** @param defaults what decides where {@code thresholds} has nothing */
    public AlertDecider(StatsLookup stats, Thresholds thresholds, ThresholdSetting defaults) {
        this.detector = new Detector(stats);
        this.thresholds = thresholds;
        this.defaults = defaults;
    }

    /** Empty when the model set has no statistics (the event is uncalibrated: it never alerts). */
    public Optional<Decision> decide(String model, String modelSet, Score score) {
        return detector.assess(modelSet, score).map(a -> decide(model, score, a));
    }

    /**
     * The statistics half of {@link #decide(String, String, Score)}, for a batch of one model set's
     * examples ({@link Detector#assessAll}); empty for each when the model set has no statistics.
     */
    public List<Optional<Detector.Assessment>> assessAll(String modelSet, List<Score> scores) {
        return detector.assessAll(modelSet, scores);
    }

    /** The threshold half: the verdict on an assessment under the threshold in force. */
    public Decision decide(String model, Score score, Detector.Assessment a) {
        int cls = score.predictedClass();
        return new Decision(cls, a.vog(), a.detection(), verdict(a.vog(), a.detection(), threshold(model, cls)));
    }

    /**
     * The detector the scope asks for decides; statistics written before the detector existed carry
     * no map reference, so their classes are judged by the scalar VoG.
     */
    private Verdict verdict(Normalized n, Optional<Detection> detection, Resolved t) {
        // a scope that names no detector gets the application's
        DetectorKind kind = t.setting.detectorOr(defaults.detectorOr(DetectorKind.FUSED));
        boolean enabled = t.setting.enabled();
        if (kind != DetectorKind.VOG && detection.isPresent() && t.setting.threshold() instanceof Threshold.TargetFpr f) {
            DetectorStats d = detection.get().reference();
            boolean fused = kind == DetectorKind.FUSED;
            double bound = (fused ? d.fused() : d.mapScore()).quantile(1 - f.fpr());
            double score = fused ? detection.get().oodScore() : detection.get().vogMapScore();
            return new Verdict(kind, new Bounds(Double.NEGATIVE_INFINITY, bound), Tail.UPPER, t.scope,
                    enabled && score > bound);
        }
        Bounds bounds = t.setting.threshold().bounds(n.stats(), t.setting.tail());
        return new Verdict(DetectorKind.VOG, bounds, t.setting.tail(), t.scope, enabled && bounds.outside(n.z()));
    }

    private Resolved threshold(String model, int cls) {
        for (Scope scope : new Scope[] {Scope.modelClass(model, cls), Scope.model(model), Scope.ALL}) {
            Optional<ThresholdSetting> s = thresholds.at(scope.key());
            if (s.isPresent()) {
                return new Resolved(s.get(), scope.key());
            }
        }
        return new Resolved(defaults, "default");
    }

    private record Resolved(ThresholdSetting setting, String scope) {}
}

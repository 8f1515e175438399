package org.vogstream.app.topology;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.records.Json;
import org.vogstream.app.records.PendingScore;
import org.vogstream.app.records.Scope;
import org.vogstream.app.records.ScoredEvent;
import org.vogstream.app.records.ThresholdSetting;
import org.vogstream.app.records.Verdict;
import org.vogstream.core.detect.Detection;
import org.vogstream.core.detect.Detector;
import org.vogstream.core.detect.DetectorKind;
import org.vogstream.core.detect.DetectorStats;
import org.vogstream.core.stats.Bounds;
import org.vogstream.core.stats.ClassStats;
import org.vogstream.core.stats.Normalized;
import org.vogstream.core.stats.StatsJson;
import org.vogstream.core.stats.StatsLookup;
import org.vogstream.core.stats.Tail;
import org.vogstream.core.stats.Threshold;

/**
 * Normalizes each score with its model set's class statistics ({@link StatsLookup}) and decides
 * with the threshold in force: the most specific of {@code model=NAME/class=C}, {@code model=NAME},
 * {@code *}, else the default. Both come from global stores, so changes apply to the next batch
 * without a restart.
 */
final class ThresholdDecider implements Processor<String, PendingScore, String, ScoredEvent> {
    private final VogMetrics metrics;
    private final ThresholdSetting defaults;
    private ProcessorContext<String, ScoredEvent> context;
    private Detector detector;
    private ParsedValues<ThresholdSetting> thresholds;

    /** @param defaults what decides where {@code vog-config} says nothing */
    ThresholdDecider(VogMetrics metrics, ThresholdSetting defaults) {
        this.metrics = metrics;
        this.defaults = defaults;
    }

    @Override
    public void init(ProcessorContext<String, ScoredEvent> context) {
        this.context = context;
        ReadOnlyKeyValueStore<String, byte[]> statsStore = context.getStateStore(VogTopology.CLASS_STATS_STORE);
        ReadOnlyKeyValueStore<String, byte[]> thresholdStore = context.getStateStore(VogTopology.THRESHOLD_STORE);
        ParsedValues<ClassStats> parsedStats = new ParsedValues<>(statsStore, ThresholdDecider::parseStats);
        detector = new Detector(new StatsLookup(key -> parsedStats.get(key.toString())));
        thresholds = new ParsedValues<>(thresholdStore, ThresholdSetting::parse);
    }

    /** Values in the store were validated on their way in ({@link VogTopology#checkStats}). */
    private static ClassStats parseStats(byte[] raw) {
        try {
            return StatsJson.fromJson(Json.MAPPER.readTree(raw));
        } catch (IOException e) {
            throw new IllegalStateException("the class statistics store holds a record that is not JSON", e);
        }
    }

    @Override
    public void process(Record<String, PendingScore> record) {
        PendingScore p = record.value();
        int cls = p.score().predictedClass();
        long now = context.currentSystemTimeMs();
        Optional<Detector.Assessment> assessment = detector.assess(p.modelSet(), p.score());
        ScoredEvent out;
        if (assessment.isEmpty()) {
            metrics.event(VogMetrics.UNCALIBRATED, p.model());
            out = ScoredEvent.uncalibrated(p, now);
        } else {
            Normalized normalized = assessment.get().vog();
            Optional<Detection> detection = assessment.get().detection();
            Verdict verdict = decide(normalized, detection, threshold(p.model(), cls));
            metrics.z(p.model(), normalized.z());
            metrics.classEvent(p.model(), cls);
            metrics.event(verdict.ood() ? VogMetrics.OOD : VogMetrics.SCORED, p.model());
            if (verdict.ood()) {
                metrics.alert(p.model(), cls);
            }
            out = ScoredEvent.calibrated(p, normalized, detection, verdict, now);
        }
        metrics.latency(Duration.ofMillis(now - p.eventTime()));
        context.forward(record.withValue(out));
    }

    /**
     * The detector the scope asks for decides; statistics written before the detector existed carry
     * no map reference, so their classes are judged by the scalar VoG.
     */
    private Verdict decide(Normalized n, Optional<Detection> detection, Resolved t) {
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
            Optional<ThresholdSetting> s = thresholds.get(scope.key());
            if (s.isPresent()) {
                return new Resolved(s.get(), scope.key());
            }
        }
        return new Resolved(defaults, "default");
    }

    private record Resolved(ThresholdSetting setting, String scope) {}
}

package org.vogstream.app.topology;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.records.Scope;
import org.vogstream.app.records.ScoredEvent;
import org.vogstream.app.records.ThresholdSetting;
import org.vogstream.core.stats.Bounds;
import org.vogstream.core.stats.ClassStats;
import org.vogstream.core.stats.StatsJson;
import org.vogstream.core.stats.Tail;
import org.vogstream.core.stats.Threshold;

/**
 * Normalizes each score with its model set's class statistics and decides with the threshold in
 * force: the most specific of {@code model=NAME/class=C}, {@code model=NAME}, {@code *}, else the
 * default. Both come from global stores, so changes apply to the next batch without a restart.
 */
final class ThresholdDecider implements Processor<String, PendingScore, String, ScoredEvent> {
    private final VogMetrics metrics;
    private final int minCount;
    private final double defaultZ;
    private ProcessorContext<String, ScoredEvent> context;
    private ParsedValues<ClassStats> stats;
    private ParsedValues<ThresholdSetting> thresholds;

    ThresholdDecider(VogMetrics metrics, int minCount, double defaultZ) {
        this.metrics = metrics;
        this.minCount = minCount;
        this.defaultZ = defaultZ;
    }

    @Override
    public void init(ProcessorContext<String, ScoredEvent> context) {
        this.context = context;
        ReadOnlyKeyValueStore<String, byte[]> statsStore = context.getStateStore(VogTopology.CLASS_STATS_STORE);
        ReadOnlyKeyValueStore<String, byte[]> thresholdStore = context.getStateStore(VogTopology.THRESHOLD_STORE);
        stats = new ParsedValues<>(statsStore, raw -> StatsJson.fromJson(readTree(raw)));
        thresholds = new ParsedValues<>(thresholdStore, ThresholdSetting::parse);
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(byte[] raw) {
        try {
            return org.vogstream.app.records.Json.MAPPER.readTree(raw);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the class statistics store holds a record that is not JSON", e);
        }
    }

    @Override
    public void process(Record<String, PendingScore> record) {
        PendingScore p = record.value();
        int cls = p.score().predictedClass();
        long now = context.currentSystemTimeMs();
        Optional<ClassStats> classStats = statsFor(p.modelSet(), cls);
        ScoredEvent out;
        if (classStats.isEmpty()) {
            metrics.event(VogMetrics.UNCALIBRATED, p.model());
            out = new ScoredEvent(p.eventId(), p.model(), p.modelSet(), p.score(), OptionalDouble.empty(),
                    OptionalDouble.empty(), null, null, null, null, false, p.eventTime(), now);
        } else {
            ClassStats s = classStats.get();
            double z = s.z(p.score().vog());
            Resolved t = threshold(p.model(), cls);
            Bounds bounds = t.setting.threshold().bounds(s, t.setting.tail());
            boolean ood = t.setting.enabled() && bounds.outside(z);
            metrics.z(p.model(), z);
            metrics.classEvent(p.model(), cls);
            metrics.event(ood ? VogMetrics.OOD : VogMetrics.SCORED, p.model());
            out = new ScoredEvent(p.eventId(), p.model(), p.modelSet(), p.score(), OptionalDouble.of(z),
                    OptionalDouble.of(s.percentile(p.score().vog())), s.pooled() ? "pooled" : "class", bounds,
                    t.setting.tail(), t.scope, ood, p.eventTime(), now);
            if (ood) {
                metrics.alert(p.model(), cls);
                context.forward(record.withValue(out), VogTopology.ALERTS_SINK);
            }
        }
        metrics.latency(Duration.ofMillis(now - p.eventTime()));
        context.forward(record.withValue(out), VogTopology.SCORED_SINK);
    }

    /** The class's own statistics when it had enough reference examples, else the pooled ones. */
    private Optional<ClassStats> statsFor(String modelSet, int cls) {
        Optional<ClassStats> own = stats.get(modelSet + "/" + cls);
        if (own.isPresent() && own.get().count() >= minCount) {
            return own;
        }
        Optional<ClassStats> pooled = stats.get(modelSet + "/*");
        return pooled.isPresent() ? pooled : own;
    }

    private Resolved threshold(String model, int cls) {
        for (Scope scope : new Scope[] {Scope.modelClass(model, cls), Scope.model(model), Scope.ALL}) {
            Optional<ThresholdSetting> s = thresholds.get(scope.key());
            if (s.isPresent()) {
                return new Resolved(s.get(), scope.key());
            }
        }
        return new Resolved(new ThresholdSetting(new Threshold.ZScore(defaultZ), Tail.UPPER, true), "default");
    }

    private record Resolved(ThresholdSetting setting, String scope) {}
}

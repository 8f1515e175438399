package org.vogstream.app.topology;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.vogstream.app.metrics.StageTimes;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.records.Json;
import org.vogstream.app.records.PendingScore;
import org.vogstream.app.records.ScoredEvent;
import org.vogstream.detect.decide.AlertDecider;
import org.vogstream.detect.decide.Decision;
import org.vogstream.detect.decide.Detector;
import org.vogstream.detect.decide.ThresholdSetting;
import org.vogstream.detect.stats.ClassStats;
import org.vogstream.detect.stats.StatsJson;
import org.vogstream.detect.stats.StatsLookup;

/**
 * Hands each score to the {@link AlertDecider} with the class statistics and threshold settings of
 * the global stores, so changes apply to the next batch without a restart; counts the outcome.
 */
final class ThresholdDecider implements Processor<String, PendingScore, String, ScoredEvent> {
    private final VogMetrics metrics;
    private final ThresholdSetting defaults;
    private ProcessorContext<String, ScoredEvent> context;
    private AlertDecider decider;

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
        ParsedValues<ThresholdSetting> thresholds = new ParsedValues<>(thresholdStore, ThresholdSetting::parse);
        decider = new AlertDecider(new StatsLookup(key -> parsedStats.get(key.toString())), thresholds::get, defaults);
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
        long start = StageTimes.start();
        PendingScore p = record.value();
        long now = context.currentSystemTimeMs();
        Optional<Detector.Assessment> assessment = decider.assess(p.modelSet(), p.score());
        metrics.stages().since(StageTimes.Stage.STATISTICS, start);
        start = StageTimes.start();
        Optional<Decision> decision = assessment.map(a -> decider.decide(p.model(), p.score(), a));
        ScoredEvent out;
        if (decision.isEmpty()) {
            metrics.event(VogMetrics.UNCALIBRATED, p.model());
            out = ScoredEvent.uncalibrated(p, now);
        } else {
            Decision d = decision.get();
            metrics.z(p.model(), d.vog().z());
            metrics.classEvent(p.model(), d.predictedClass());
            metrics.event(d.ood() ? VogMetrics.OOD : VogMetrics.SCORED, p.model());
            if (d.ood()) {
                metrics.alert(p.model(), d.predictedClass());
            }
            out = ScoredEvent.calibrated(p, d, now);
        }
        metrics.latency(Duration.ofMillis(now - p.eventTime()));
        metrics.stages().since(StageTimes.Stage.DECIDE, start);
        context.forward(record.withValue(out));
    }
}

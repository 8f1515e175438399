package org.vogstream.app.topology;

import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.vogstream.app.metrics.StageTimes;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.records.PendingScore;
import org.vogstream.app.records.ScoredEvent;
import org.vogstream.detect.decide.AlertDecider;
import org.vogstream.detect.decide.Decision;
import org.vogstream.detect.decide.ThresholdSetting;

/**
 * Hands each assessed score to the {@link AlertDecider} with the threshold settings of the global
 * store, so changes apply to the next batch without a restart; counts the outcome.
 */
final class ThresholdDecider implements Processor<String, AssessedScore, String, ScoredEvent> {
    private final VogMetrics metrics;
    private final ThresholdSetting defaults;
    private final GlobalLookups lookups;
    private ProcessorContext<String, ScoredEvent> context;
    private AlertDecider decider;

    /** @param defaults what decides where {@code vog-config} says nothing */
    ThresholdDecider(VogMetrics metrics, ThresholdSetting defaults, GlobalLookups lookups) {
        this.metrics = metrics;
        this.defaults = defaults;
        this.lookups = lookups;
    }

    @Override
    public void init(ProcessorContext<String, ScoredEvent> context) {
        this.context = context;
        decider = new AlertDecider(lookups.classStats(context), lookups.thresholds(context), defaults);
    }

    @Override
    public void process(Record<String, AssessedScore> record) {
        long start = StageTimes.start();
        PendingScore p = record.value().event();
        long now = context.currentSystemTimeMs();
        Optional<Decision> decision = record.value().assessment().map(a -> decider.decide(p.model(), p.score(), a));
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

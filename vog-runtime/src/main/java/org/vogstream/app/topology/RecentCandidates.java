package org.vogstream.app.topology;

import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.vogstream.app.query.RecentEntry;
import org.vogstream.app.metrics.StageTimes;
import org.vogstream.app.query.RecentWindow;
import org.vogstream.app.records.ScoredEvent;
import org.vogstream.detect.decide.Decision;
import org.vogstream.detect.decide.Detection;

/**
 * In front of the repartition to the recent-examples stores: sends on, keyed {@code MODEL/CLASS},
 * the alerts and the events among the best {@code hardest.size} of their key and bucket in this
 * task. No other event can be among the best of its bucket in the store, since the store sees at
 * least those, so the answers are the same while the repartition carries a fraction of the events
 * (each with its input). Forgets what it saw when the task starts again: it then sends more, never less.
 */
final class RecentCandidates implements Processor<String, ScoredEvent, String, byte[]> {
    private final RecentWindow window;
    private final StageTimes stages;
    private ProcessorContext<String, byte[]> context;
    private BucketBest hardest;
    private long latest;

    RecentCandidates(RecentWindow window, StageTimes stages) {
        this.window = window;
        this.stages = stages;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        hardest = new BucketBest(RecentEntry.HARDEST, window.hardest(), slot -> List.of());
        latest = Long.MIN_VALUE;
    }

    @Override
    public void process(Record<String, ScoredEvent> record) {
        long start = StageTimes.start();
        ScoredEvent e = record.value();
        if (e.calibration().isEmpty()) {
            // uncalibrated: no ood_score to rank by, never an alert
            stages.since(StageTimes.Stage.RECENT, start);
            return;
        }
        String key = RecentWindow.key(e.event().model(), e.event().score().predictedClass());
        long time = e.event().eventTime();
        long bucket = window.bucket(Math.min(time, context.currentSystemTimeMs()));
        if (bucket > latest) {
            latest = bucket;
            hardest.forgetBefore(latest - window.windowMs());
        }
        boolean candidate = e.calibration().flatMap(Decision::detection).map(Detection::oodScore)
                .map(score -> hardest.offer(new BucketBest.Slot(key, bucket), new RecentEntry(null, e.event().eventId(),
                        score, time)).isPresent()).orElse(false);
        byte[] entry = candidate || e.ood() ? RecentEntry.of(e).toBytes() : null;
        stages.since(StageTimes.Stage.RECENT, start);
        if (entry != null) {
            context.forward(record.withKey(key).withValue(entry));
        }
    }
}

package org.vogstream.app.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.vogstream.app.query.RecentEntry;
import org.vogstream.app.metrics.StageTimes;
import org.vogstream.app.query.RecentWindow;

/**
 * Keeps each calibrated event, keyed by {@code MODEL/CLASS}, in the bucket of its event time: in
 * the hardest-examples store when it has an {@code ood_score}, in the recent-alerts store when it
 * alerted. Runs after a repartition by that key, so one task owns all events of a key and the
 * API can ask that task's instance.
 *
 * <p>An entry is one store record ({@link RecentWindow#entryKey}), so an event costs at most one
 * write and one delete (the entry it pushes out), and none when it does not make its bucket's
 * best. Which entries a bucket keeps is also held here, read back from the store the first time a
 * bucket is touched after a restart or a rebalance.
 */
final class RecentExamplesTracker implements Processor<String, byte[], Void, Void> {
    private final RecentWindow window;
    private final StageTimes stages;
    private ProcessorContext<Void, Void> context;
    private Kept hardest;
    private Kept alerts;
    /** The latest bucket written: an event a window older is past the stores' retention. */
    private long latest = Long.MIN_VALUE;

    RecentExamplesTracker(RecentWindow window, StageTimes stages) {
        this.window = window;
        this.stages = stages;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        hardest = new Kept(context.getStateStore(RecentWindow.HARDEST_STORE), RecentEntry.HARDEST, window.hardest());
        alerts = new Kept(context.getStateStore(RecentWindow.ALERTS_STORE), RecentEntry.NEWEST, window.alerts());
        latest = Long.MIN_VALUE;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        long start = StageTimes.start();
        try {
            keep(record);
        } finally {
            stages.since(StageTimes.Stage.RECENT, start);
        }
    }

    private void keep(Record<String, byte[]> record) {
        RecentEntry entry = RecentEntry.parse(record.value());
        // a producer's clock far ahead would advance the stores' time and expire every other bucket
        long bucket = window.bucket(Math.min(entry.eventTime(), context.currentSystemTimeMs()));
        if (latest != Long.MIN_VALUE && bucket < latest - window.windowMs()) {
            // the store would drop it with a warning a record (replays of old traffic)
            return;
        }
        if (bucket > latest) {
            latest = bucket;
            hardest.forgetBefore(latest - window.windowMs());
            alerts.forgetBefore(latest - window.windowMs());
        }
        if (entry.ranked()) {
            hardest.offer(record.key(), bucket, entry, record.value());
        }
        if (entry.alert()) {
            alerts.offer(record.key(), bucket, entry, record.value());
        }
    }

    /** One store and, per key and bucket, the entries it keeps. */
    private static final class Kept {
        private final WindowStore<String, byte[]> store;
        private final BucketBest best;

        Kept(WindowStore<String, byte[]> store, Comparator<RecentEntry> order, int size) {
            this.store = store;
            this.best = new BucketBest(order, size, this::read);
        }

        void offer(String key, long bucket, RecentEntry entry, byte[] value) {
            best.offer(new BucketBest.Slot(key, bucket), entry).ifPresent(entered -> {
                store.put(RecentWindow.entryKey(key, entry.eventId()), value, bucket);
                entered.pushedOut().ifPresent(out -> store.put(RecentWindow.entryKey(key, out.eventId()), null, bucket));
            });
        }

        /** What the store holds of a bucket. */
        private List<RecentEntry> read(BucketBest.Slot slot) {
            List<RecentEntry> out = new ArrayList<>();
            String prefix = RecentWindow.entryKey(slot.key(), "");
            try (KeyValueIterator<Windowed<String>, byte[]> it = store.fetch(prefix, RecentWindow.after(prefix),
                    slot.bucket(), slot.bucket())) {
                while (it.hasNext()) {
                    KeyValue<Windowed<String>, byte[]> kv = it.next();
                    if (kv.key.key().startsWith(prefix)) {
                        out.add(BucketBest.ranking(RecentEntry.parse(kv.value)));
                    }
                }
            }
            return out;
        }

        void forgetBefore(long bucket) {
            best.forgetBefore(bucket);
        }
    }
}

package org.vogstream.app.topology;

import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.vogstream.app.query.RecentEntry;
import org.vogstream.app.query.RecentWindow;

/**
 * Keeps each calibrated event, keyed by {@code MODEL/CLASS}, in the bucket of its event time: in
 * the hardest-examples store when it has an {@code ood_score}, in the recent-alerts store when it
 * alerted. Runs after a repartition by that key, so one task owns all events of a key and the
 * API can ask that task's instance.
 */
final class RecentExamplesTracker implements Processor<String, byte[], Void, Void> {
    private final RecentWindow window;
    private WindowStore<String, byte[]> hardest;
    private WindowStore<String, byte[]> alerts;
    private ProcessorContext<Void, Void> context;
    /** The latest bucket written: an event a window older is past the stores' retention. */
    private long latest = Long.MIN_VALUE;

    RecentExamplesTracker(RecentWindow window) {
        this.window = window;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        hardest = context.getStateStore(RecentWindow.HARDEST_STORE);
        alerts = context.getStateStore(RecentWindow.ALERTS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecentEntry entry = RecentEntry.parse(record.value());
        // a producer's clock far ahead would advance the stores' time and expire every other bucket
        long bucket = window.bucket(Math.min(entry.eventTime(), context.currentSystemTimeMs()));
        if (latest != Long.MIN_VALUE && bucket < latest - window.windowMs()) {
            // the store would drop it with a warning a record (replays of old traffic)
            return;
        }
        latest = Math.max(latest, bucket);
        if (entry.ranked()) {
            keep(hardest, record.key(), bucket, entry, RecentEntry.HARDEST, window.hardest());
        }
        if (entry.alert()) {
            keep(alerts, record.key(), bucket, entry, RecentEntry.NEWEST, window.alerts());
        }
    }

    private static void keep(WindowStore<String, byte[]> store, String key, long bucket, RecentEntry entry,
            Comparator<RecentEntry> order, int size) {
        List<RecentEntry> kept = RecentEntry.decode(store.fetch(key, bucket));
        store.put(key, RecentEntry.encode(RecentEntry.insert(kept, entry, order, size)), bucket);
    }
}

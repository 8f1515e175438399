package org.vogstream.app.query;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The two recent-examples stores and their sliding window. Each is a changelogged window store
 * of one record an entry, keyed {@code MODEL/CLASS/EVENT_ID}, whose windows are buckets of a
 * twelfth of the window: a bucket keeps the {@code size} best entries of each {@code MODEL/CLASS}
 * among the events that fell in it, so the best {@code size} of the last window are exactly the
 * best of the buckets it overlaps, filtered by event time. Buckets older than the window (and one
 * bucket) are dropped by the store's retention.
 *
 * @param window how far back the stores answer ({@code hardest.window.ms})
 * @param hardest events kept per key by highest {@code ood_score} ({@code hardest.size})
 * @param alerts alerts kept per key, newest first ({@code alerts.recent.size})
 */
public record RecentWindow(Duration window, int hardest, int alerts) {
    public static final String HARDEST_STORE = "vog-hardest-store";
    public static final String ALERTS_STORE = "vog-recent-alerts-store";
    static final int BUCKETS = 12;

    public long windowMs() {
        return window.toMillis();
    }

    public long bucketMs() {
        return Math.max(1, windowMs() / BUCKETS);
    }

    /** The start of the bucket an event time falls in. */
    public long bucket(long eventTime) {
        return Math.floorDiv(eventTime, bucketMs()) * bucketMs();
    }

    /** Whether an entry of this event time is inside the window that ends at {@code at}. */
    public boolean inside(long eventTime, long at) {
        return eventTime > at - windowMs();
    }

    /** The key events are repartitioned and routed by. */
    public static String key(String model, int cls) {
        return model + "/" + cls;
    }

    /** The store key of one entry of a {@link #key}. */
    public static String entryKey(String key, String eventId) {
        return key + "/" + eventId;
    }

    /** A key above every key that starts with {@code prefix} (which ends in '/'), for range fetches. */
    public static String after(String prefix) {
        return prefix.substring(0, prefix.length() - 1) + (char) ('/' + 1);
    }

    public StoreBuilder<WindowStore<String, byte[]>> store(String name) {
        Duration bucket = Duration.ofMillis(bucketMs());
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, window.plus(bucket), bucket, false),
                Serdes.String(), Serdes.ByteArray());
    }
}

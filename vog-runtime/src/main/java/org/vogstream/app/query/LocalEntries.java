package org.vogstream.app.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/** The entries this instance's stores hold (its tasks' keys only). */
public final class LocalEntries implements Entries {
    private final Function<String, ReadOnlyWindowStore<String, byte[]>> stores;
    private final RecentWindow window;

    /** @param stores a store by name ({@link RecentWindow#HARDEST_STORE}, {@link RecentWindow#ALERTS_STORE}) */
    public LocalEntries(Function<String, ReadOnlyWindowStore<String, byte[]>> stores, RecentWindow window) {
        this.stores = stores;
        this.window = window;
    }

    @Override
    public List<RecentEntry> hardest(String model, int cls, int limit, long at) {
        return best(RecentWindow.HARDEST_STORE, RecentWindow.key(model, cls) + "/", RecentEntry.HARDEST,
                window.hardest(), limit, at);
    }

    @Override
    public List<RecentEntry> hardest(String model, int limit, long at) {
        return best(RecentWindow.HARDEST_STORE, model + "/", RecentEntry.HARDEST, window.hardest(), limit, at);
    }

    @Override
    public List<RecentEntry> alerts(String model, Integer cls, int limit, long at) {
        String prefix = model == null ? null : cls == null ? model + "/" : RecentWindow.key(model, cls) + "/";
        return best(RecentWindow.ALERTS_STORE, prefix, RecentEntry.NEWEST, window.alerts(), limit, at);
    }

    /**
     * The best {@code limit} entries inside the window under a key prefix (null: all keys), each
     * {@code MODEL/CLASS} contributing at most its best {@code perKey} (what it keeps over a window).
     */
    private List<RecentEntry> best(String store, String prefix, Comparator<RecentEntry> order, int perKey, int limit,
            long at) {
        Map<String, List<RecentEntry>> byKey = new HashMap<>();
        ReadOnlyWindowStore<String, byte[]> s = stores.apply(store);
        try (KeyValueIterator<Windowed<String>, byte[]> it = prefix == null ? s.fetchAll(from(at), to(at))
                : s.fetch(prefix, RecentWindow.after(prefix), from(at), to(at))) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, byte[]> kv = it.next();
                String key = kv.key.key();
                if (prefix != null && !key.startsWith(prefix)) {
                    continue;
                }
                RecentEntry e = RecentEntry.parse(kv.value);
                if (window.inside(e.eventTime(), at)) {
                    byKey.computeIfAbsent(RecentWindow.key(e.model(), e.predictedClass()), k -> new ArrayList<>()).add(e);
                }
            }
        }
        List<RecentEntry> kept = new ArrayList<>();
        byKey.values().forEach(entries -> kept.addAll(merge(entries, order, perKey)));
        return merge(kept, order, limit);
    }

    /** The first bucket that can hold an event inside the window. */
    private Instant from(long at) {
        return Instant.ofEpochMilli(Math.max(0, window.bucket(at - window.windowMs())));
    }

    /** Events stamped ahead of this clock (a producer's clock ahead of ours) are kept, up to a window ahead. */
    private Instant to(long at) {
        return Instant.ofEpochMilli(at + window.windowMs());
    }

    static List<RecentEntry> merge(List<RecentEntry> entries, Comparator<RecentEntry> order, int limit) {
        return entries.stream().sorted(order).limit(limit).toList();
    }
}

package org.vogstream.app.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

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
        return ofKey(RecentWindow.HARDEST_STORE, RecentWindow.key(model, cls), RecentEntry.HARDEST,
                Math.min(limit, window.hardest()), at);
    }

    @Override
    public List<RecentEntry> hardest(String model, int limit, long at) {
        return ofKeys(RecentWindow.HARDEST_STORE, ofModel(model), RecentEntry.HARDEST, window.hardest(), limit, at);
    }

    @Override
    public List<RecentEntry> alerts(String model, Integer cls, int limit, long at) {
        if (model != null && cls != null) {
            return ofKey(RecentWindow.ALERTS_STORE, RecentWindow.key(model, cls), RecentEntry.NEWEST,
                    Math.min(limit, window.alerts()), at);
        }
        return ofKeys(RecentWindow.ALERTS_STORE, model == null ? k -> true : ofModel(model), RecentEntry.NEWEST,
                window.alerts(), limit, at);
    }

    private static Predicate<String> ofModel(String model) {
        return key -> key.startsWith(model + "/") && key.indexOf('/', model.length() + 1) < 0;
    }

    private List<RecentEntry> ofKey(String store, String key, Comparator<RecentEntry> order, int limit, long at) {
        List<RecentEntry> found = new ArrayList<>();
        try (WindowStoreIterator<byte[]> it = stores.apply(store).fetch(key, from(at), to(at))) {
            it.forEachRemaining(kv -> found.addAll(RecentEntry.decode(kv.value)));
        }
        return best(found, order, limit, at);
    }

    /** The best {@code limit} of the keys' entries, each key contributing its best {@code perKey} (what it keeps). */
    private List<RecentEntry> ofKeys(String store, Predicate<String> keys, Comparator<RecentEntry> order, int perKey,
            int limit, long at) {
        Map<String, List<RecentEntry>> found = new HashMap<>();
        try (KeyValueIterator<Windowed<String>, byte[]> it = stores.apply(store).fetchAll(from(at), to(at))) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, byte[]> kv = it.next();
                if (keys.test(kv.key.key())) {
                    found.computeIfAbsent(kv.key.key(), k -> new ArrayList<>()).addAll(RecentEntry.decode(kv.value));
                }
            }
        }
        List<RecentEntry> best = new ArrayList<>();
        found.values().forEach(entries -> best.addAll(best(entries, order, perKey, at)));
        return merge(best, order, limit);
    }

    /** The first bucket that can hold an event inside the window. */
    private Instant from(long at) {
        return Instant.ofEpochMilli(Math.max(0, window.bucket(at - window.windowMs())));
    }

    /** Events stamped ahead of this clock (a producer's clock ahead of ours) are kept, up to a window ahead. */
    private Instant to(long at) {
        return Instant.ofEpochMilli(at + window.windowMs());
    }

    private List<RecentEntry> best(List<RecentEntry> found, Comparator<RecentEntry> order, int limit, long at) {
        return merge(found.stream().filter(e -> window.inside(e.eventTime(), at)).toList(), order, limit);
    }

    static List<RecentEntry> merge(List<RecentEntry> entries, Comparator<RecentEntry> order, int limit) {
        return entries.stream().sorted(order).limit(limit).toList();
    }
}

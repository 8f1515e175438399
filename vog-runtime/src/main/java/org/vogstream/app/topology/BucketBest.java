package org.vogstream.app.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.vogstream.app.query.RecentEntry;

/**
 * Per {@code MODEL/CLASS} key and time bucket, the best {@code size} entries by an order, held in
 * memory with only what ranks them (event id, ood_score, time). A bucket seen for the first time
 * is filled by {@code load} (what a store already holds of it; nothing for a filter).
 */
final class BucketBest {
    /** A bucket of a key. */
    record Slot(String key, long bucket) {}

    /** An entry that made its bucket's best, and the one it pushed out, if any. */
    record Entered(Optional<RecentEntry> pushedOut) {}

    private final Comparator<RecentEntry> order;
    private final int size;
    private final Function<Slot, List<RecentEntry>> load;
    private final Map<Slot, List<RecentEntry>> kept = new HashMap<>();

    BucketBest(Comparator<RecentEntry> order, int size, Function<Slot, List<RecentEntry>> load) {
        this.order = order;
        this.size = size;
        this.load = load;
    }

    /** @return empty when the entry does not make the bucket's best */
    Optional<Entered> offer(Slot slot, RecentEntry entry) {
        List<RecentEntry> list = kept.computeIfAbsent(slot, s -> new ArrayList<>(load.apply(s)));
        // the same event again (read again after a crash) takes its own place
        list.removeIf(e -> e.eventId().equals(entry.eventId()));
        if (list.size() >= size && order.compare(entry, list.get(list.size() - 1)) > 0) {
            return Optional.empty();
        }
        list.add(ranking(entry));
        list.sort(order);
        return Optional.of(new Entered(list.size() > size ? Optional.of(list.remove(list.size() - 1)) : Optional.empty()));
    }

    /** Only what ranks an entry: its JSON stays in the store. */
    static RecentEntry ranking(RecentEntry e) {
        return new RecentEntry(null, e.eventId(), e.oodScore(), e.eventTime());
    }

    void forgetBefore(long bucket) {
        kept.keySet().removeIf(s -> s.bucket() < bucket);
    }
}

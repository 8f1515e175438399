package org.vogstream.app.topology;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Parsed views of a global store's JSON values, reparsed only when a value's bytes change (class
 * statistics records are up to ~400 KB each, most of it the detector's map subspace, and are read
 * for every event). One per topology, shared by its processors and stream threads: a global store
 * is one store for all of them, so its values are parsed once, not once per task and processor.
 */
final class ParsedValues<T> {
    private final Function<byte[], T> parse;
    private final Map<String, Entry<T>> cache = new ConcurrentHashMap<>();

    ParsedValues(Function<byte[], T> parse) {
        this.parse = parse;
    }

    Optional<T> get(ReadOnlyKeyValueStore<String, byte[]> store, String key) {
        byte[] raw = store.get(key);
        if (raw == null) {
            cache.remove(key);
            return Optional.empty();
        }
        Entry<T> e = cache.get(key);
        // the in-memory store hands back the stored array: identity settles most lookups without a compare
        if (e == null || e.raw != raw && !Arrays.equals(e.raw, raw)) {
            // two threads may parse the same new value at once; either result is the value
            e = new Entry<>(raw, parse.apply(raw));
            cache.put(key, e);
        }
        return Optional.of(e.value);
    }

    private record Entry<T>(byte[] raw, T value) {}
}

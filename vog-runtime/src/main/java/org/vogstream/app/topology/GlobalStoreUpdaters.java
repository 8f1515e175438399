package org.vogstream.app.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vogstream.app.metrics.StoreUpdateListener;

/**
 * Keeps a global store of JSON values from a compacted topic: a value is stored only when it is
 * valid (an invalid one is logged and counted, and the previous value stays in force); a tombstone
 * removes the key. Kafka Streams replays restores through this processor, so restarts agree.
 */
final class GlobalStoreUpdaters {
    private GlobalStoreUpdaters() {}

    /** Throws {@link IllegalArgumentException} naming the problem when a record (value null: a tombstone) is invalid. */
    interface Validator {
        void check(String key, byte[] value);
    }

    static Processor<String, byte[], Void, Void> updater(String storeName, String what, Validator validator,
            StoreUpdateListener listener) {
        return new Processor<>() {
            private final Logger log = LoggerFactory.getLogger(GlobalStoreUpdaters.class);
            private KeyValueStore<String, byte[]> store;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                store = context.getStateStore(storeName);
            }

            @Override
            public void process(Record<String, byte[]> record) {
                if (record.key() == null) {
                    log.warn("{}: a record without a key was ignored", what);
                    listener.rejected(null);
                    return;
                }
                try {
                    validator.check(record.key(), record.value());
                } catch (RuntimeException e) {
                    log.warn("{} '{}' rejected, the previous value stays in force: {}", what, record.key(), e.getMessage());
                    notify(() -> listener.rejected(record.key()));
                    return;
                }
                if (record.value() == null) {
                    store.delete(record.key());
                    notify(() -> listener.removed(record.key()));
                } else {
                    store.put(record.key(), record.value());
                    notify(() -> listener.stored(record.key(), record.value()));
                }
            }

            /** Metrics must never take the global thread down: a global thread cannot be replaced. */
            private void notify(Runnable update) {
                try {
                    update.run();
                } catch (RuntimeException e) {
                    log.warn("{}: metrics update failed: {}", what, e.toString());
                }
            }
        };
    }
}

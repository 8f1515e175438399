package org.vogstream.app.metrics;

/** Hears what a global store updater did with each record of its topic. */
public interface StoreUpdateListener {
    void stored(String key, byte[] value);

    void removed(String key);

    default void rejected(String key) {}
}

package org.vogstream.detect.stats;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one class's statistics live: {@code MODEL_SET/CLASS}, or {@code MODEL_SET/*} for the
 * statistics pooled over all classes. The one place the key format is written and read.
 *
 * @param modelSet the model set's id (12 hex digits)
 * @param cls the class, empty for the pooled statistics
 */
public record ClassStatsKey(String modelSet, OptionalInt cls) {
    private static final Pattern FORMAT = Pattern.compile("([0-9a-f]{12})/(\\d{1,9}|\\*)");
    private static final String POOLED = "*";

    public ClassStatsKey {
        if (modelSet == null || modelSet.isEmpty() || modelSet.contains("/")) {
            throw new IllegalArgumentException("model set '" + modelSet + "' is not a model set id");
        }
        if (cls.isPresent() && cls.getAsInt() < 0) {
            throw new IllegalArgumentException("class " + cls.getAsInt() + " is negative");
        }
    }

    public static ClassStatsKey of(String modelSet, int cls) {
        return new ClassStatsKey(modelSet, OptionalInt.of(cls));
    }

    public static ClassStatsKey pooled(String modelSet) {
        return new ClassStatsKey(modelSet, OptionalInt.empty());
    }

    /** Parses a topic/store key; fails naming the key when it is not {@code MODEL_SET/CLASS} or {@code MODEL_SET/*}. */
    public static ClassStatsKey parse(String key) {
        Matcher m = key == null ? null : FORMAT.matcher(key);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("key '" + key + "' is not MODEL_SET/CLASS or MODEL_SET/*");
        }
        return m.group(2).equals(POOLED) ? pooled(m.group(1)) : of(m.group(1), Integer.parseInt(m.group(2)));
    }

    public boolean isPooled() {
        return cls.isEmpty();
    }

    /** The same model set's pooled key. */
    public ClassStatsKey toPooled() {
        return pooled(modelSet);
    }

    @Override
    public String toString() {
        return modelSet + "/" + (cls.isPresent() ? Integer.toString(cls.getAsInt()) : POOLED);
    }
}

package org.vogstream.app.config;

import java.util.Optional;
import org.vogstream.app.records.ThresholdSetting;
import org.vogstream.core.detect.DetectorKind;
import org.vogstream.core.stats.Tail;
import org.vogstream.core.stats.Threshold;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The application's settings, from a properties file, flags and environment. Keys prefixed
 * {@code kafka.} or {@code streams.} pass through (prefix removed) to Kafka Streams and its clients.
 */
public final class AppConfig {
    public static final String APPLICATION_ID = "application.id";
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String TOPIC_INPUT = "topic.input";
    public static final String TOPIC_SCORED = "topic.scored";
    public static final String TOPIC_ALERTS = "topic.alerts";
    public static final String TOPIC_CONFIG = "topic.config";
    public static final String TOPIC_CONFIG_VALIDATED = "topic.config-validated";
    public static final String TOPIC_CLASS_STATS = "topic.class-stats";
    public static final String TOPIC_DEAD_LETTER = "topic.dead-letter";
    public static final String BATCH_SIZE = "batch.size";
    public static final String BATCH_MAX_WAIT_MS = "batch.max.wait.ms";
    public static final String INPUT_MAX_BYTES = "input.max.bytes";
    /** Removed: the minimum count travels with the class statistics ({@code vog calibrate --min-count}). */
    static final String REMOVED_STATS_MIN_COUNT = "stats.min.count";
    public static final String THREAD_REPLACEMENTS = "stream.thread.replacements.per.minute";
    public static final String DEFAULT_Z_THRESHOLD = "threshold.default.z";
    public static final String DEFAULT_TARGET_FPR = "threshold.default.fpr";
    public static final String DETECTOR = "detector";
    public static final String DEVICE = "vog.device";
    public static final String THREADS = "vog.threads";
    public static final String MODELS_PREFIX = "vog.models.";
    public static final String METRICS_ADDRESS = "metrics.address";
    public static final String TOPICS_CREATE = "topics.create";
    public static final String TOPICS_PARTITIONS = "topics.partitions";
    public static final String TOPICS_REPLICATION = "topics.replication";

    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put(APPLICATION_ID, "vog-stream");
        DEFAULTS.put(TOPIC_INPUT, "inference-events");
        DEFAULTS.put(TOPIC_SCORED, "vog-scored");
        DEFAULTS.put(TOPIC_ALERTS, "vog-alerts");
        DEFAULTS.put(TOPIC_CONFIG, "vog-config");
        DEFAULTS.put(TOPIC_CONFIG_VALIDATED, "vog-config-validated");
        DEFAULTS.put(TOPIC_CLASS_STATS, "vog-class-stats");
        DEFAULTS.put(TOPIC_DEAD_LETTER, "vog-dead-letter");
        DEFAULTS.put(BATCH_SIZE, "64");
        DEFAULTS.put(BATCH_MAX_WAIT_MS, "200");
        // well under the producers' 1 MiB max.request.size: the buffer's changelog carries each event
        DEFAULTS.put(INPUT_MAX_BYTES, Integer.toString(512 * 1024));
        DEFAULTS.put(THREAD_REPLACEMENTS, "3");
        DEFAULTS.put(DEFAULT_Z_THRESHOLD, "3.0");
        DEFAULTS.put(DEFAULT_TARGET_FPR, "0.01");
        DEFAULTS.put(DETECTOR, "fused");
        DEFAULTS.put(DEVICE, "cpu");
        DEFAULTS.put(THREADS, "0");
        DEFAULTS.put(METRICS_ADDRESS, "127.0.0.1:9404");
        DEFAULTS.put(TOPICS_CREATE, "true");
        DEFAULTS.put(TOPICS_PARTITIONS, "1");
        DEFAULTS.put(TOPICS_REPLICATION, "1");
    }

    private final Map<String, String> values;

    public AppConfig(Map<String, String> overrides) {
        Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
        v.putAll(overrides);
        this.values = v;
        check();
    }

    public static AppConfig of(Properties p) {
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return new AppConfig(m);
    }

    private void check() {
        if (values.containsKey(REMOVED_STATS_MIN_COUNT)) {
            throw new IllegalArgumentException(REMOVED_STATS_MIN_COUNT + " was removed: the minimum count now travels with"
                    + " the class statistics (set it with vog calibrate --min-count)");
        }
        positive(BATCH_SIZE);
        positive(THREAD_REPLACEMENTS);
        positive(BATCH_MAX_WAIT_MS);
        positive(INPUT_MAX_BYTES);
        positive(TOPICS_PARTITIONS);
        positive(TOPICS_REPLICATION);
        if (batchSize() > 4096) {
            throw new IllegalArgumentException(BATCH_SIZE + " = " + batchSize()
                    + " is too large: one model call must stay well under the 10 s transaction timeout");
        }
        if (models().isEmpty()) {
            throw new IllegalArgumentException("no model configured: set " + MODELS_PREFIX + "<name>.dir=<checkpoint dir>");
        }
        try {
            defaultThreshold();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(DETECTOR + " / " + DEFAULT_TARGET_FPR + ": " + e.getMessage());
        }
        try {
            Double.parseDouble(get(DEFAULT_Z_THRESHOLD));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(DEFAULT_Z_THRESHOLD + " must be a number, got '" + get(DEFAULT_Z_THRESHOLD) + "'");
        }
    }

    private void positive(String key) {
        try {
            if (Long.parseLong(get(key)) <= 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a positive integer, got '" + get(key) + "'");
        }
    }

    public String get(String key) {
        return values.get(key);
    }

    public int getInt(String key) {
        return Integer.parseInt(get(key));
    }

    public String inputTopic() {
        return get(TOPIC_INPUT);
    }

    public String scoredTopic() {
        return get(TOPIC_SCORED);
    }

    public String alertsTopic() {
        return get(TOPIC_ALERTS);
    }

    public String configTopic() {
        return get(TOPIC_CONFIG);
    }

    /** Compacted topic of threshold settings that passed validation; the global threshold store reads it. */
    public String validatedConfigTopic() {
        return get(TOPIC_CONFIG_VALIDATED);
    }

    public String classStatsTopic() {
        return get(TOPIC_CLASS_STATS);
    }

    public String deadLetterTopic() {
        return get(TOPIC_DEAD_LETTER);
    }

    public int batchSize() {
        return getInt(BATCH_SIZE);
    }

    public long batchMaxWaitMs() {
        return Long.parseLong(get(BATCH_MAX_WAIT_MS));
    }

    public int inputMaxBytes() {
        return getInt(INPUT_MAX_BYTES);
    }

    public double defaultZThreshold() {
        return Double.parseDouble(get(DEFAULT_Z_THRESHOLD));
    }

    /**
     * What decides where {@code vog-config} says nothing: the {@code detector} at
     * {@code threshold.default.fpr}, or for {@code vog} the upper tail at {@code threshold.default.z}.
     */
    public ThresholdSetting defaultThreshold() {
        DetectorKind kind = DetectorKind.parse(get(DETECTOR));
        Threshold threshold = kind == DetectorKind.VOG ? new Threshold.ZScore(defaultZThreshold())
                : new Threshold.TargetFpr(Double.parseDouble(get(DEFAULT_TARGET_FPR)));
        return new ThresholdSetting(Optional.of(kind), threshold, Tail.UPPER, true);
    }

    /** Model name to checkpoint directory (or compiled graph), from {@code vog.models.<name>.dir}. */
    public Map<String, Path> models() {
        Map<String, Path> m = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(MODELS_PREFIX) && k.endsWith(".dir")) {
                m.put(k.substring(MODELS_PREFIX.length(), k.length() - ".dir".length()), Path.of(v));
            }
        });
        return m;
    }

    /** Kafka Streams properties: exactly-once v2 unless overridden, plus every kafka./streams. key. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, get(APPLICATION_ID));
        if (get(BOOTSTRAP_SERVERS) != null) {
            p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, get(BOOTSTRAP_SERVERS));
        }
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        values.forEach((k, v) -> {
            if (k.startsWith("kafka.")) {
                p.put(k.substring("kafka.".length()), v);
            } else if (k.startsWith("streams.")) {
                p.put(k.substring("streams.".length()), v);
            }
        });
        return p;
    }

    /** Kafka client properties (admin, producer, consumer) for tools around the app. */
    public Properties clientProperties() {
        Properties p = new Properties();
        if (get(BOOTSTRAP_SERVERS) != null) {
            p.put("bootstrap.servers", get(BOOTSTRAP_SERVERS));
        }
        values.forEach((k, v) -> {
            if (k.startsWith("kafka.")) {
                p.put(k.substring("kafka.".length()), v);
            }
        });
        return p;
    }
}

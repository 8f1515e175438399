package org.vogstream.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.vogstream.app.query.RecentWindow;
import org.vogstream.core.score.DeviceSpec;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.detect.decide.DetectorKind;
import org.vogstream.detect.decide.ThresholdSetting;

/**
 * The application's settings, from a properties file, flags and environment. Keys prefixed
 * {@code kafka.} or {@code streams.} pass through (prefix removed) to Kafka Streams and its clients.
 */
public final class AppConfig {
    public static final String APPLICATION_ID = "application.id";
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String BROKER_WAIT_MS = "broker.wait.ms";
    /** How long a command waits for a broker to answer unless told otherwise ({@link #BROKER_WAIT_MS} for vog run). */
    public static final Duration DEFAULT_BROKER_WAIT = Duration.ofSeconds(10);
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
    public static final String SPIN_WAIT = "vog.threads.spin";
    public static final String MODELS_PREFIX = "vog.models.";
    public static final String METRICS_ADDRESS = "metrics.address";
    public static final String TOPICS_CREATE = "topics.create";
    public static final String TOPICS_PARTITIONS = "topics.partitions";
    public static final String TOPICS_REPLICATION = "topics.replication";
    public static final String STATE_DIR = "state.dir";
    public static final String RELOAD_INTERVAL_MS = "vog.reload.interval.ms";
    public static final String HARDEST_SIZE = "hardest.size";
    public static final String HARDEST_WINDOW_MS = "hardest.window.ms";
    public static final String ALERTS_RECENT_SIZE = "alerts.recent.size";

    private static final int MAX_BATCH = 4096;
    private static final String THRESHOLD_GROUP = "Default threshold";

    /**
     * Every named setting: type, default, check and meaning. The prefixed ones ({@code vog.models.NAME.dir},
     * {@code kafka.*}, {@code streams.*}) have open-ended names and are read from the raw settings.
     */
    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(APPLICATION_ID, Type.STRING, "vog-stream", Importance.HIGH,
                    "Kafka Streams application id: consumer group and prefix of state and internal topics.")
            .define(BOOTSTRAP_SERVERS, Type.STRING, null, Importance.HIGH,
                    "Kafka brokers, host:port[,host:port...]; --bootstrap-servers wins, $KAFKA_BOOTSTRAP_SERVERS is used"
                            + " when neither is given.")
            .define(BROKER_WAIT_MS, Type.LONG, DEFAULT_BROKER_WAIT.toMillis(), Range.between(1_000, Integer.MAX_VALUE), Importance.MEDIUM,
                    "How long vog run waits at start for Kafka to answer (the broker check, listing and creating"
                            + " topics) before it exits with one line: short, to name a wrong address soon; raise it"
                            + " where the detector may start while its brokers restart (a host name that does not"
                            + " resolve fails at once).")
            .define(TOPIC_INPUT, Type.STRING, TopicNames.INPUT, Importance.HIGH, "Inference events in.")
            .define(TOPIC_SCORED, Type.STRING, TopicNames.SCORED, Importance.MEDIUM, "Every scored event out.")
            .define(TOPIC_ALERTS, Type.STRING, TopicNames.ALERTS, Importance.MEDIUM, "Scored events over their threshold.")
            .define(TOPIC_CONFIG, Type.STRING, TopicNames.CONFIG, Importance.MEDIUM, "Threshold settings in, keyed by scope.")
            .define(TOPIC_CONFIG_VALIDATED, Type.STRING, TopicNames.CONFIG_VALIDATED, Importance.LOW,
                    "Compacted topic of threshold settings that passed validation; the global threshold store reads it.")
            .define(TOPIC_CLASS_STATS, Type.STRING, TopicNames.CLASS_STATS, Importance.MEDIUM, "Per-class statistics (compacted).")
            .define(TOPIC_DEAD_LETTER, Type.STRING, TopicNames.DEAD_LETTER, Importance.MEDIUM, "Records that could not be scored.")
            .define(BATCH_SIZE, Type.INT, 64, Range.between(1, MAX_BATCH), Importance.MEDIUM,
                    "Score when the buffer holds this many events (one model call); at most " + MAX_BATCH
                            + ": one call must stay well under the 10 s transaction timeout.")
            .define(BATCH_MAX_WAIT_MS, Type.LONG, 200L, Range.atLeast(1), Importance.MEDIUM,
                    "...or when its oldest event has waited this long (wall clock), whichever comes first.")
            // well under the producers' 1 MiB max.request.size: the buffer's changelog carries each event
            .define(INPUT_MAX_BYTES, Type.INT, 512 * 1024, Range.atLeast(1), Importance.LOW,
                    "Larger input records become dead letters; keep it under the producers' 1 MiB max.request.size:"
                            + " the buffer's changelog carries each event.")
            .define(THREAD_REPLACEMENTS, Type.INT, 3, Range.atLeast(1), Importance.LOW,
                    "A stream thread that dies is replaced at most this often a minute; then the client shuts down"
                            + " with a one-line reason.")
            .define(DEFAULT_Z_THRESHOLD, Type.DOUBLE, ThresholdSetting.DEFAULT_Z, Importance.MEDIUM,
                    "Upper-tail z threshold where vog-config says nothing and the detector is vog; unused by"
                            + " fused and vog_map.",
                    THRESHOLD_GROUP, 2, Width.SHORT, DEFAULT_Z_THRESHOLD, whenDetectorIsVog(true))
            .define(DEFAULT_TARGET_FPR, Type.DOUBLE, ThresholdSetting.DEFAULT_TARGET_FPR, Importance.MEDIUM,
                    "Target false-positive rate of fused and vog_map where vog-config says nothing.",
                    THRESHOLD_GROUP, 1, Width.SHORT, DEFAULT_TARGET_FPR, whenDetectorIsVog(false))
            .define(DETECTOR, Type.STRING, DetectorKind.FUSED.json(), Importance.MEDIUM,
                    "What decides where vog-config says nothing: fused, vog_map or vog.",
                    THRESHOLD_GROUP, 0, Width.SHORT, DETECTOR, List.of(DEFAULT_TARGET_FPR, DEFAULT_Z_THRESHOLD))
            .define(DEVICE, Type.STRING, "cpu", Importance.MEDIUM, "cpu or cuda[:i]; CUDA needs the -Pgpu build.")
            .define(THREADS, Type.INT, 0, Range.atLeast(0), Importance.LOW, "Cores the scorer uses (0: all the process may run on): on the CPU each batch runs as up to that"
                    + " many chunks at once (at least 4 examples each), each on one thread.")
            .define(SPIN_WAIT, Type.BOOLEAN, false, Importance.LOW,
                    "Whether ONNX Runtime's intra-op threads spin while waiting for work (they then take the CPU"
                            + " Kafka's clients need); the VoG scorer's one-thread chunks have none, so it matters for"
                            + " CUDA sessions.")
            .define(METRICS_ADDRESS, Type.STRING, "127.0.0.1:9404", Importance.LOW, "host:port of /metrics, /health, the query API and the auditor's page;"
                    + " 0.0.0.0:9404 for every interface, port 0 for any free one, none for no server.")
            .define(TOPICS_CREATE, Type.BOOLEAN, true, Importance.LOW, "Create missing topics at start (the config and statistics topics"
                    + " compacted); false: fail at start, in one line, when one is missing.")
            .define(TOPICS_PARTITIONS, Type.INT, 1, Range.atLeast(1), Importance.LOW, "Partitions of the topics created.")
            .define(TOPICS_REPLICATION, Type.INT, 1, Range.between(1, Short.MAX_VALUE), Importance.LOW,
                    "Replication factor of the topics created: raise it to 3 on a"
                            + " production cluster (1 loses the topics with one broker).")
            .define(STATE_DIR, Type.STRING, defaultStateDir(), Importance.LOW,
                    "Kafka Streams' local state (the recent-examples stores), a folder per application id inside;"
                            + " keep it on a persistent volume; streams.state.dir wins.")
            .define(RELOAD_INTERVAL_MS, Type.LONG, 5_000L, Range.atLeast(0), Importance.LOW,
                    "How often checkpoint directories are looked at for a new last-three set; 0 never.")
            .define(HARDEST_SIZE, Type.INT, 25, Range.between(1, 1000), Importance.LOW,
                    "Events kept per (model, predicted class) with the highest ood_score, for GET .../hardest.")
            .define(HARDEST_WINDOW_MS, Type.LONG, 3_600_000L, Range.atLeast(12), Importance.LOW,
                    "How far back the hardest examples and recent alerts reach (event time).")
            .define(ALERTS_RECENT_SIZE, Type.INT, 100, Range.between(1, 1000), Importance.LOW,
                    "Newest alerts kept per (model, predicted class), for GET /alerts/recent.");

    /**
     * Every named setting's definition (a copy): type, default, check, meaning and, through
     * {@link ConfigDef#validateAll}, whether it has any effect beside the others given ({@code
     * ConfigValue.visible()}): {@code threshold.default.z} decides only where {@code detector} is
     * {@code vog}, {@code threshold.default.fpr} only where it is not.
     */
    public static ConfigDef definition() {
        return new ConfigDef(DEFINITION);
    }

    /**
     * Whether a setting is one of the open-ended ones the definition does not name: {@code kafka.*} and
     * {@code streams.*} (passed through to Kafka Streams and its clients, prefix removed) and
     * {@code vog.models.NAME.dir} / {@code vog.models.NAME.reference}.
     */
    public static boolean isPrefixed(String key) {
        for (String prefix : List.of("kafka.", "streams.")) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                return true;
            }
        }
        for (String suffix : List.of(".dir", ".reference")) {
            if (key.startsWith(MODELS_PREFIX) && key.endsWith(suffix) && key.length() > MODELS_PREFIX.length() + suffix.length()) {
                return true;
            }
        }
        return false;
    }

    /** Visible (in force) only where the default detector is, or is not, the scalar {@code vog}. */
    private static ConfigDef.Recommender whenDetectorIsVog(boolean vog) {
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsed) {
                return new ArrayList<>();
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsed) {
                try {
                    return (DetectorKind.parse(String.valueOf(parsed.get(DETECTOR))) == DetectorKind.VOG) == vog;
                } catch (IllegalArgumentException e) {
                    return true; // a bad detector is refused on its own
                }
            }
        };
    }

    /**
     * The user's own state folder (XDG's), not Kafka Streams' default {@code /tmp/kafka-streams}, which
     * every user and program on the machine shares (a test or another checkout's detector of the same
     * application id finds task state that is not its own) and which tmp cleaners prune.
     */
    private static String defaultStateDir() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("vog-stream").toString();
    }

    /** The settings as given, for the prefixed ones. */
    private final Map<String, String> settings;
    /** The named settings, parsed, defaults filled in. */
    private final Map<String, Object> values;

    public AppConfig(Map<String, String> overrides) {
        if (overrides.containsKey(REMOVED_STATS_MIN_COUNT)) {
            throw new IllegalArgumentException(REMOVED_STATS_MIN_COUNT + " was removed: the minimum count now travels with"
                    + " the class statistics (set it with vog calibrate --min-count)");
        }
        this.settings = new LinkedHashMap<>(overrides);
        try {
            this.values = DEFINITION.parse(overrides);
        } catch (ConfigException e) {
            // Kafka's message is one line naming the setting and the value
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (models().isEmpty()) {
            throw new IllegalArgumentException("no model configured: set " + MODELS_PREFIX + "<name>.dir=<checkpoint dir>");
        }
        references();
        try {
            defaultThreshold();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(DETECTOR + " / " + DEFAULT_TARGET_FPR + ": " + e.getMessage());
        }
    }

    public static AppConfig of(Properties p) {
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return new AppConfig(m);
    }

    /** A named setting as text (its default if unset), or any other setting as given; null if neither. */
    public String get(String key) {
        if (values.containsKey(key)) {
            Object v = values.get(key);
            return v == null ? null : v.toString();
        }
        return settings.get(key);
    }

    public int getInt(String key) {
        return Integer.parseInt(get(key));
    }

    public long getLong(String key) {
        return Long.parseLong(get(key));
    }

    public boolean getBoolean(String key) {
        return Boolean.parseBoolean(get(key));
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
        return (Integer) values.get(BATCH_SIZE);
    }

    /** {@link #BROKER_WAIT_MS}. */
    public Duration brokerWait() {
        return Duration.ofMillis(getLong(BROKER_WAIT_MS));
    }

    public long batchMaxWaitMs() {
        return (Long) values.get(BATCH_MAX_WAIT_MS);
    }

    public int inputMaxBytes() {
        return (Integer) values.get(INPUT_MAX_BYTES);
    }

    public double defaultZThreshold() {
        return (Double) values.get(DEFAULT_Z_THRESHOLD);
    }

    /**
     * What decides where {@code vog-config} says nothing: the {@code detector} at
     * {@code threshold.default.fpr}, or for {@code vog} the upper tail at {@code threshold.default.z}.
     */
    public ThresholdSetting defaultThreshold() {
        return ThresholdSetting.defaults(DetectorKind.parse(get(DETECTOR)), (Double) values.get(DEFAULT_TARGET_FPR),
                defaultZThreshold());
    }

    /** The recent-examples stores' window and sizes. */
    public RecentWindow recentWindow() {
        return new RecentWindow(java.time.Duration.ofMillis((Long) values.get(HARDEST_WINDOW_MS)),
                (Integer) values.get(HARDEST_SIZE), (Integer) values.get(ALERTS_RECENT_SIZE));
    }

    /** Model name to checkpoint directory (or compiled graph), from {@code vog.models.<name>.dir}. */
    public Map<String, Path> models() {
        return perModel(".dir");
    }

    /** Model name to the reference set its new model sets are calibrated on, from {@code vog.models.<name>.reference}. */
    public Map<String, Path> references() {
        Map<String, Path> m = perModel(".reference");
        m.keySet().forEach(name -> {
            if (!models().containsKey(name)) {
                throw new IllegalArgumentException(MODELS_PREFIX + name + ".reference names a model without "
                        + MODELS_PREFIX + name + ".dir");
            }
        });
        return m;
    }

    private Map<String, Path> perModel(String suffix) {
        Map<String, Path> m = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (k.startsWith(MODELS_PREFIX) && k.endsWith(suffix) && k.length() > MODELS_PREFIX.length() + suffix.length()) {
                m.put(k.substring(MODELS_PREFIX.length(), k.length() - suffix.length()), Path.of(v));
            }
        });
        return m;
    }

    /** How the detector's scorers run: device, threads, and no spinning unless asked for. */
    public ScorerConfig scorerConfig() {
        return new ScorerConfig(DeviceSpec.parse(get(DEVICE)), getInt(THREADS), getBoolean(SPIN_WAIT));
    }

    /**
     * Kafka Streams properties: exactly-once v2, {@code state.dir} and lz4 compression of what the
     * detector produces unless overridden, plus every kafka./streams. key.
     *
     * <p>Why lz4: each event crosses the broker several times (the buffer's changelog, scored
     * records, alerts with their heatmaps, the recent-examples repartition); compressing them cost
     * less CPU than the broker saved. {@code vog bench-stream --events 12000 --rate 0}, alternating:
     * 1,245, 1,228 and 1,314 scored/s with lz4 against 1,135, 1,109, 1,214 and 1,130 without; zstd
     * 994.
     */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, get(APPLICATION_ID));
        if (get(BOOTSTRAP_SERVERS) != null) {
            p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, get(BOOTSTRAP_SERVERS));
        }
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, get(STATE_DIR));
        String compression = ProducerConfig.COMPRESSION_TYPE_CONFIG;
        if (!settings.containsKey("kafka." + compression) && !settings.containsKey("streams." + compression)
                && !settings.containsKey("streams." + StreamsConfig.producerPrefix(compression))) {
            p.put(StreamsConfig.producerPrefix(compression), "lz4");
        }
        settings.forEach((k, v) -> {
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
        settings.forEach((k, v) -> {
            if (k.startsWith("kafka.")) {
                p.put(k.substring("kafka.".length()), v);
            }
        });
        return p;
    }
}

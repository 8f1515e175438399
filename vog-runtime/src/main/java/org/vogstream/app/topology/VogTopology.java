package org.vogstream.app.topology;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vogstream.app.config.AppConfig;
import org.vogstream.app.metrics.StageTimes;
import org.vogstream.app.metrics.StoreUpdateListener;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.query.RecentWindow;
import org.vogstream.app.records.DeadLetter;
import org.vogstream.app.records.Json;
import org.vogstream.app.records.ScoredEvent;
import org.vogstream.detect.stats.ClassStatsKey;
import org.vogstream.detect.stats.StatsJson;

/**
 * The streaming OoD detector, as in docs/design.md §2. Each step returns {@link Outcome}s, branched
 * here: accepted values go on, rejected ones to the dead-letter topic.
 *
 * <pre>
 * inference-events ─► decode ─► buffer+score ─► decide ─┬─► vog-scored (every event)
 *                       │            │          ▲   ▲    └─► vog-alerts (OoD only)
 *                       └────────────┴─► vog-dead-letter │
 *                                  vog-class-stats ─► global store
 *       vog-config ─► validate ─┬─► vog-config-validated ─► global threshold store
 *                               └─► vog-dead-letter (invalid: the previous value stays)
 *       decide (calibrated) ─► repartition by MODEL/CLASS ─► hardest-examples and recent-alerts stores
 * </pre>
 */
public final class VogTopology {
    private static final Logger LOG = LoggerFactory.getLogger(VogTopology.class);
    public static final String SOURCE = "inference-events-source";
    public static final String DECODE = "decode";
    public static final String BUFFER = "buffer-and-score";
    public static final String DECIDE = "decide";
    public static final String SCORED_SINK = "scored-sink";
    public static final String ALERTS_SINK = "alerts-sink";
    public static final String CONFIG_SOURCE = "config-source";
    public static final String CONFIG_VALIDATE = "config-validate";
    public static final String CONFIG_VALIDATED_SINK = "config-validated-sink";
    public static final String BUFFER_STORE = "vog-batch-buffer";
    public static final String CLASS_STATS_STORE = "vog-class-stats-store";
    public static final String THRESHOLD_STORE = "vog-thresholds-store";
    /**
     * The buffer's changelog, which a restart replays whole into memory: small segments, so the
     * compactor soon keeps only the events still waiting and the tombstones of the others, and
     * tombstones kept 10 minutes (a restore takes seconds), not a day.
     *
     * <p>Why in memory, not RocksDB: the buffer holds at most a batch per task and each event is
     * written and deleted once; in RocksDB the deletes pile up as tombstones that every flush's
     * scan walks past, and the buffer took 87 µs per event against 36 µs in memory ({@code vog
     * bench-drain}, docs/results/performance.md). Exactly-once does not change: under it a crashed
     * task's RocksDB state was wiped and restored from this changelog all the same.
     */
    static final Map<String, String> BUFFER_CHANGELOG = Map.of(TopicConfig.SEGMENT_BYTES_CONFIG,
            Integer.toString(16 << 20), TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofMinutes(10).toMillis()),
            TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(Duration.ofMinutes(10).toMillis()),
            TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.1");
    /** The repartition by {@code MODEL/CLASS} in front of the recent-examples stores (its internal topic's name). */
    public static final String RECENT = "recent-examples";

    private VogTopology() {}

    public static Topology build(AppConfig config, ModelRegistry models, VogMetrics metrics) {
        return build(config, models, metrics, FaultInjector.NONE);
    }

    public static Topology build(AppConfig config, ModelRegistry models, VogMetrics metrics, FaultInjector faults) {
        StreamsBuilder builder = new StreamsBuilder();
        globalStore(builder, CLASS_STATS_STORE, config.classStatsTopic(), "class statistics", VogTopology::checkStats,
                metrics.classStatsListener());
        globalStore(builder, THRESHOLD_STORE, config.validatedConfigTopic(), "threshold", ConfigValidator::validate,
                metrics.thresholdListener());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BUFFER_STORE), Serdes.Bytes(),
                Serdes.ByteArray()).withLoggingEnabled(BUFFER_CHANGELOG));
        String deadLetters = config.deadLetterTopic();

        KStream<String, BufferedEvent> buffered = accepted(builder
                .stream(config.inputTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SOURCE))
                .process(() -> new DecodeProcessor(models, config.inputMaxBytes(), metrics.stages()), Named.as(DECODE)),
                DECODE, deadLetters, metrics);
        BatchScorer scorer = new BatchScorer(models, metrics, config.batchSize());
        GlobalLookups lookups = new GlobalLookups();
        KStream<String, AssessedScore> scored = accepted(buffered.process(() -> new MicroBatchScorer(scorer, metrics,
                new FlushPolicy(config.batchSize(), config.batchMaxWaitMs()), faults, lookups), Named.as(BUFFER), BUFFER_STORE),
                BUFFER, deadLetters, metrics);
        KStream<String, ScoredEvent> decided = scored.process(() -> new ThresholdDecider(metrics,
                config.defaultThreshold(), lookups), Named.as(DECIDE));
        decided.to(config.scoredTopic(), Produced.with(Serdes.String(), serde(encoding(new ScoredEvent.JsonSerializer(),
                metrics.stages()))).withName(SCORED_SINK));
        decided.filter((id, e) -> e.ood(), Named.as("alerts-filter")).to(config.alertsTopic(),
                Produced.with(Serdes.String(), serde(encoding(new ScoredEvent.AlertSerializer(), metrics.stages())))
                        .withName(ALERTS_SINK));
        trackRecent(builder, decided, config.recentWindow(), metrics.stages());

        accepted(builder.stream(config.configTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName(CONFIG_SOURCE)).process(() -> new ConfigValidator(metrics), Named.as(CONFIG_VALIDATE)),
                CONFIG_VALIDATE, deadLetters, metrics)
                .to(config.validatedConfigTopic(), Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName(CONFIG_VALIDATED_SINK));
        return builder.build();
    }

    /**
     * The recent-examples stores, fed by the calibrated events that can be among their best
     * ({@link RecentCandidates}), repartitioned by {@code MODEL/CLASS}.
     */
    private static void trackRecent(StreamsBuilder builder, KStream<String, ScoredEvent> decided, RecentWindow window,
            StageTimes stages) {
        builder.addStateStore(window.store(RecentWindow.HARDEST_STORE));
        builder.addStateStore(window.store(RecentWindow.ALERTS_STORE));
        decided.process(() -> new RecentCandidates(window, stages), Named.as(RECENT + "-candidates"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName(RECENT))
                .process(() -> new RecentExamplesTracker(window, stages), Named.as(RECENT + "-track"),
                        RecentWindow.HARDEST_STORE, RecentWindow.ALERTS_STORE);
    }

    /** The accepted values of a step; its rejections go to the dead-letter topic, counted. */
    private static <T> KStream<String, T> accepted(KStream<String, Outcome<T>> outcomes, String step,
            String deadLetterTopic, VogMetrics metrics) {
        Map<String, KStream<String, Outcome<T>>> branches = outcomes.split(Named.as(step + "-"))
                .branch((key, o) -> o instanceof Outcome.Rejected, Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));
        branches.get(step + "-rejected")
                .mapValues(o -> ((Outcome.Rejected<T>) o).letter(), Named.as(step + "-dead-letter"))
                .peek((key, letter) -> metrics.deadLetter(letter.errorCode(), letter.rejection().model().orElse(null)),
                        Named.as(step + "-dead-letter-count"))
                .to(deadLetterTopic, Produced.with(Serdes.String(), serde(new DeadLetter.JsonSerializer()))
                        .withName(step + "-dead-letter-sink"));
        return branches.get(step + "-accepted").mapValues(o -> ((Outcome.Accepted<T>) o).value(),
                Named.as(step + "-accepted-value"));
    }

    /** A serializer whose time counts as the encode stage. */
    private static <T> Serializer<T> encoding(Serializer<T> serializer, StageTimes stages) {
        return (topic, value) -> {
            long start = StageTimes.start();
            byte[] out = serializer.serialize(topic, value);
            stages.since(StageTimes.Stage.ENCODE, start);
            return out;
        };
    }

    private static <T> Serde<T> serde(Serializer<T> serializer) {
        return Serdes.serdeFrom(serializer, (topic, data) -> {
            throw new UnsupportedOperationException("the topology only writes " + topic);
        });
    }

    private static void globalStore(StreamsBuilder builder, String store, String topic, String what,
            GlobalStoreUpdaters.Validator validator, StoreUpdateListener listener) {
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store), Serdes.String(),
                        Serdes.ByteArray()).withLoggingDisabled(), topic,
                Consumed.with(Serdes.String(), Serdes.ByteArray()),
                () -> GlobalStoreUpdaters.updater(store, what, validator, listener));
    }

    static void checkStats(String key, byte[] value) {
        ClassStatsKey parsed = ClassStatsKey.parse(key);
        if (value == null) {
            return;
        }
        try {
            var json = Json.MAPPER.readTree(value);
            var stats = StatsJson.fromJson(json);
            if (!stats.key().equals(parsed)) {
                throw new IllegalArgumentException("key '" + key + "' does not match the record's " + stats.key());
            }
            if (StatsJson.predatesSubspace(json)) {
                LOG.warn("class statistics '{}' predate the detector's map subspace: its events are judged by the"
                        + " scalar VoG until the model set is recalibrated (vog calibrate, then vog publish-stats)", key);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
    }
}

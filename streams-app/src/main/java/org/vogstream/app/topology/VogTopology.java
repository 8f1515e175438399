package org.vogstream.app.topology;

import java.io.IOException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.Stores;
import org.vogstream.app.config.AppConfig;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.records.DeadLetter;
import org.vogstream.app.records.Json;
import org.vogstream.app.records.ScoredEvent;
import org.vogstream.core.stats.StatsJson;

/**
 * The streaming OoD detector, as in design.md §2:
 *
 * <pre>
 * inference-events ─► decode ─► buffer+score ─► decide ─┬─► vog-scored (every event)
 *                       │            │          ▲   ▲    └─► vog-alerts (OoD only)
 *                       └────────────┴─► vog-dead-letter │
 *                                  vog-class-stats ─► global store
 *       vog-config ─► validate ─┬─► vog-config-validated ─► global threshold store
 *                               └─► vog-dead-letter (invalid: the previous value stays)
 * </pre>
 */
public final class VogTopology {
    public static final String SOURCE = "inference-events-source";
    public static final String DECODE = "decode";
    public static final String BUFFER = "buffer-and-score";
    public static final String SCORE = BUFFER;
    public static final String DECIDE = "decide";
    public static final String SCORED_SINK = "scored-sink";
    public static final String ALERTS_SINK = "alerts-sink";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";
    public static final String CONFIG_DEAD_LETTER_SINK = "config-dead-letter-sink";
    public static final String CONFIG_SOURCE = "config-source";
    public static final String CONFIG_VALIDATE = "config-validate";
    public static final String CONFIG_VALIDATED_SINK = "config-validated-sink";
    public static final String BUFFER_STORE = "vog-batch-buffer";
    public static final String CLASS_STATS_STORE = "vog-class-stats-store";
    public static final String THRESHOLD_STORE = "vog-thresholds-store";

    private VogTopology() {}

    public static Topology build(AppConfig config, ModelRegistry models, VogMetrics metrics) {
        return build(config, models, metrics, FaultInjector.NONE);
    }

    public static Topology build(AppConfig config, ModelRegistry models, VogMetrics metrics, FaultInjector faults) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CLASS_STATS_STORE),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
                config.classStatsTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()),
                () -> GlobalStoreUpdaters.updater(CLASS_STATS_STORE, "class statistics", VogTopology::checkStats,
                        metrics.classStatsListener()));
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(THRESHOLD_STORE),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
                config.validatedConfigTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()),
                () -> GlobalStoreUpdaters.updater(THRESHOLD_STORE, "threshold", ConfigValidator::validate,
                        metrics.thresholdListener()));
        Topology topology = builder.build();

        topology.addSource(SOURCE, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), config.inputTopic());
        topology.addProcessor(DECODE, () -> new DecodeProcessor(models, metrics, config.inputMaxBytes()), SOURCE);
        topology.addProcessor(BUFFER, () -> new MicroBatchScorer(models, metrics, config.batchSize(),
                config.batchMaxWaitMs(), faults), DECODE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BUFFER_STORE),
                Serdes.Bytes(), BufferedEvent.serde()), BUFFER);
        topology.addProcessor(DECIDE, () -> new ThresholdDecider(metrics, config.statsMinCount(),
                config.defaultZThreshold()), BUFFER);
        topology.addSink(SCORED_SINK, config.scoredTopic(), new StringSerializer(), new ScoredEvent.JsonSerializer(), DECIDE);
        topology.addSink(ALERTS_SINK, config.alertsTopic(), new StringSerializer(), new ScoredEvent.AlertSerializer(), DECIDE);

        topology.addSource(CONFIG_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                config.configTopic());
        topology.addProcessor(CONFIG_VALIDATE, () -> new ConfigValidator(metrics), CONFIG_SOURCE);
        topology.addSink(CONFIG_VALIDATED_SINK, config.validatedConfigTopic(), new StringSerializer(),
                Serdes.ByteArray().serializer(), CONFIG_VALIDATE);
        topology.addSink(DEAD_LETTER_SINK, config.deadLetterTopic(), new StringSerializer(), new DeadLetter.JsonSerializer(),
                DECODE, BUFFER);
        // a sink of its own keeps the config sub-topology apart from the inference one
        topology.addSink(CONFIG_DEAD_LETTER_SINK, config.deadLetterTopic(), new StringSerializer(),
                new DeadLetter.JsonSerializer(), CONFIG_VALIDATE);
        return topology;
    }

    private static final java.util.regex.Pattern STATS_KEY = java.util.regex.Pattern.compile("[0-9a-f]{12}/(\\d{1,9}|\\*)");

    static void checkStats(String key, byte[] value) {
        if (!STATS_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("key '" + key + "' is not MODEL_SET/CLASS or MODEL_SET/*");
        }
        if (value == null) {
            return;
        }
        try {
            var stats = StatsJson.fromJson(Json.MAPPER.readTree(value));
            if (!stats.key().equals(key)) {
                throw new IllegalArgumentException("key '" + key + "' does not match the record's " + stats.key());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
    }
}

package org.vogstream.app.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.vogstream.app.config.AppConfig;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.query.LocalEntries;
import org.vogstream.app.records.Json;
import org.vogstream.detect.stats.CalibrationStats;
import org.vogstream.detect.stats.ClassStats;
import org.vogstream.detect.stats.StatsJson;
import org.vogstream.testsupport.RecordSchemas;

/**
 * The real topology on Kafka's TopologyTestDriver: a fixed start time, its own state directory, the
 * input, config and statistics topics to pipe into, and every output read back as JSON that must
 * match its schema. Public so that tests outside this package (the equivalence of {@code vog score}
 * and the topology) run the same topology the same way.
 */
public final class TopologyHarness implements AutoCloseable {
    public static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

    public final AppConfig config;
    final VogMetrics metrics = new VogMetrics(new SimpleMeterRegistry());
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> events;
    final TestInputTopic<String, byte[]> thresholds;
    final TestInputTopic<String, byte[]> classStats;
    private final TestOutputTopic<String, byte[]> scored;
    private final TestOutputTopic<String, byte[]> alerts;
    private final TestOutputTopic<String, byte[]> deadLetters;
    private final TestOutputTopic<String, byte[]> validated;

    public TopologyHarness(ModelRegistry models, Path stateDir, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("vog.models.mnist.dir", "../models/mnist-lenet"));
        all.putAll(settings);
        config = new AppConfig(all);
        Properties props = config.streamsProperties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(VogTopology.build(config, models, metrics), props, START);
        events = driver.createInputTopic(config.inputTopic(), new ByteArraySerializer(), new ByteArraySerializer(),
                START, Duration.ofMillis(1));
        thresholds = driver.createInputTopic(config.configTopic(), new StringSerializer(), new ByteArraySerializer());
        classStats = driver.createInputTopic(config.classStatsTopic(), new StringSerializer(), new ByteArraySerializer());
        scored = driver.createOutputTopic(config.scoredTopic(), new StringDeserializer(), new ByteArrayDeserializer());
        alerts = driver.createOutputTopic(config.alertsTopic(), new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(config.deadLetterTopic(), new StringDeserializer(), new ByteArrayDeserializer());
        validated = driver.createOutputTopic(config.validatedConfigTopic(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Publishes every class record of a model set's statistics, then its pooled record. */
    public void publishStats(CalibrationStats stats) {
        for (ClassStats s : stats.classes().values()) {
            publish(s);
        }
        publish(stats.pooled());
    }

    /** Publishes one statistics record under its own key (to leave out the pooled one, say). */
    public void publish(ClassStats s) {
        classStats.pipeInput(s.key().toString(), StatsJson.toJsonString(s).getBytes(StandardCharsets.UTF_8));
    }

    public void threshold(String scope, String json) {
        thresholds.pipeInput(scope, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    public void send(byte[] value) {
        events.pipeInput(null, value);
    }

    /** Sends an event with a record key (UTF-8), as producers keying by event id do. */
    public void send(String key, byte[] value) {
        events.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    public void tick(Duration d) {
        driver.advanceWallClockTime(d);
    }

    /** The micro-batch buffer store itself, to plant records a processor must cope with. */
    KeyValueStore<Bytes, byte[]> buffer() {
        return driver.getKeyValueStore(VogTopology.BUFFER_STORE);
    }

    /** The recent-examples stores, read as the API reads an instance's own. */
    public LocalEntries recentEntries() {
        return new LocalEntries(driver::getWindowStore, config.recentWindow());
    }

    /** The global store of class statistics. */
    public KeyValueStore<String, byte[]> classStatsStore() {
        return driver.getKeyValueStore(VogTopology.CLASS_STATS_STORE);
    }

    /** The global store of validated threshold settings. */
    KeyValueStore<String, byte[]> thresholdStore() {
        return driver.getKeyValueStore(VogTopology.THRESHOLD_STORE);
    }

    /** The validated-config topic's records so far (a tombstone's value is null). */
    List<TestRecord<String, byte[]>> validatedConfig() {
        return validated.readRecordsToList();
    }

    public List<JsonNode> scored() {
        return read(scored, "scored-event");
    }

    public List<JsonNode> alerts() {
        return read(alerts, "alert");
    }

    public List<JsonNode> deadLetters() {
        return read(deadLetters, "dead-letter");
    }

    private static List<JsonNode> read(TestOutputTopic<String, byte[]> topic, String schema) {
        List<JsonNode> out = new ArrayList<>();
        for (byte[] value : topic.readValuesToList()) {
            try {
                JsonNode n = Json.MAPPER.readTree(value);
                RecordSchemas.assertValid(schema, n);
                out.add(n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    public double counter(String name, String... tags) {
        var search = metrics.registry().find(name).tags(tags);
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() {
        driver.close();
    }
}

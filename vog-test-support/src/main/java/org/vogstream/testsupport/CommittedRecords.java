package org.vogstream.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.vogstream.app.records.Json;

/**
 * A topic read from the beginning as a downstream service reads it (read_committed, a group of its
 * own) until a condition holds, every record checked against its schema.
 */
public final class CommittedRecords {
    /** Read on past the condition: a record still in flight would show up as a duplicate. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private CommittedRecords() {}

    /**
     * The records of {@code topic}, parsed, once {@code done} accepts them or {@code timeout} has
     * passed (the caller asserts on what came), plus whatever arrives in the grace period after.
     */
    public static List<JsonNode> readUntil(String bootstrap, String topic, String schema, Predicate<List<JsonNode>> done,
            Duration timeout) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long end = System.nanoTime() + timeout.toNanos();
            while (!done.test(out) && System.nanoTime() < end) {
                poll(c, schema, out);
            }
            long grace = System.nanoTime() + GRACE.toNanos();
            while (System.nanoTime() < grace) {
                poll(c, schema, out);
            }
        }
        return out;
    }

    private static void poll(KafkaConsumer<String, byte[]> consumer, String schema, List<JsonNode> out) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            try {
                JsonNode n = Json.MAPPER.readTree(r.value());
                RecordSchemas.assertValid(schema, n);
                out.add(n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

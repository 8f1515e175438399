package org.vogstream.testsupport;

import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producers the tests send with, typed as the topics are: events are bytes (a test sends
 * malformed ones too), settings and statistics are text. Every one waits for all replicas.
 */
public final class TestProducers {
    private TestProducers() {}

    /** String keys, byte values: the input topic. */
    public static KafkaProducer<String, byte[]> bytes(Properties client) {
        return new KafkaProducer<>(acksAll(client), new StringSerializer(), new ByteArraySerializer());
    }

    /** String keys and values: the config topic. */
    public static KafkaProducer<String, String> strings(Properties client) {
        return new KafkaProducer<>(acksAll(client), new StringSerializer(), new StringSerializer());
    }

    private static Properties acksAll(Properties client) {
        Properties p = new Properties();
        p.putAll(client);
        p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }
}

package org.vogstream.app.cli;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.vogstream.app.kafka.Brokers;
import picocli.CommandLine.Option;

/** {@code --bootstrap-servers}, falling back to the KAFKA_BOOTSTRAP_SERVERS environment variable. */
final class KafkaOptions {
    private static final String ENV = "KAFKA_BOOTSTRAP_SERVERS";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (default: $KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    private Properties connected;

    /**
     * Client settings, once a broker has answered ({@link Brokers#check}). A producer's send then
     * blocks at most {@link Brokers#TIMEOUT} for a topic's metadata, not Kafka's 60 s per record.
     */
    Properties connect() {
        if (connected == null) {
            String servers = bootstrapServers != null ? bootstrapServers : System.getenv(ENV);
            if (servers == null || servers.isBlank()) {
                throw new IllegalArgumentException("no Kafka brokers: give --bootstrap-servers HOST:PORT or set " + ENV);
            }
            Properties p = new Properties();
            p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers);
            Brokers.check(p, bootstrapServers != null ? "--bootstrap-servers" : ENV);
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Brokers.TIMEOUT.toMillis()));
            connected = p;
        }
        Properties copy = new Properties();
        copy.putAll(connected);
        return copy;
    }
}

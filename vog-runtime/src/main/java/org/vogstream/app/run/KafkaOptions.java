package org.vogstream.app.run;

import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.vogstream.app.config.BrokerAddress;
import org.vogstream.app.kafka.Brokers;
import picocli.CommandLine.Option;

/** {@code --bootstrap-servers}, falling back to the KAFKA_BOOTSTRAP_SERVERS environment variable. */
public final class KafkaOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (default: $KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    private Properties connected;

    /**
     * Client settings, once a broker has answered ({@link Brokers#check}). A producer's send then
     * blocks at most {@link Brokers#TIMEOUT} for a topic's metadata, not Kafka's 60 s per record.
     */
    public Properties connect() {
        if (connected == null) {
            BrokerAddress brokers = BrokerAddress.resolve(bootstrapServers, Optional.empty(), "--bootstrap-servers"
                    + " HOST:PORT or set " + BrokerAddress.ENV);
            Properties p = new Properties();
            p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers.servers());
            Brokers.check(p, brokers.source());
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Brokers.TIMEOUT.toMillis()));
            connected = p;
        }
        Properties copy = new Properties();
        copy.putAll(connected);
        return copy;
    }
}

package org.vogstream.app.cli;

import java.util.Properties;
import picocli.CommandLine.Option;

/** {@code --bootstrap-servers}, falling back to the KAFKA_BOOTSTRAP_SERVERS environment variable. */
final class KafkaOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (default: $KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    String bootstrapServers() {
        String s = bootstrapServers != null ? bootstrapServers : System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("no Kafka brokers: give --bootstrap-servers HOST:PORT or set KAFKA_BOOTSTRAP_SERVERS");
        }
        return s;
    }

    Properties clientProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        return p;
    }
}

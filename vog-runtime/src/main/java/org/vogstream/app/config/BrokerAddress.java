package org.vogstream.app.config;

import java.util.Optional;

/**
 * Where a command's Kafka brokers come from, decided the same way by every command:
 * {@code --bootstrap-servers} first, then a {@code bootstrap.servers} setting (from {@code --config}
 * or {@code -p}, where a command takes them), then the {@value #ENV} environment variable.
 *
 * @param servers host:port[,host:port...]
 * @param source where they were given, for the message when no broker answers there
 */
public record BrokerAddress(String servers, String source) {
    public static final String ENV = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String FLAG = "--bootstrap-servers";

    /**
     * @param flag the value of {@code --bootstrap-servers}, or null
     * @param setting a {@code bootstrap.servers} setting and where it was given, if any
     * @param ways the ways the command takes, for the message when none was used
     */
    public static BrokerAddress resolve(String flag, Optional<BrokerAddress> setting, String ways) {
        if (flag != null) {
            return new BrokerAddress(flag, FLAG);
        }
        if (setting.isPresent()) {
            return setting.get();
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return new BrokerAddress(env, ENV);
        }
        throw new IllegalArgumentException("no Kafka brokers: give " + ways);
    }
}

package org.vogstream.app.run;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.StreamsConfig;
import org.vogstream.app.VogStreamsApp;
import org.vogstream.app.config.AppConfig;
import org.vogstream.app.config.BrokerAddress;
import org.vogstream.app.config.Settings;
import org.vogstream.app.errors.StreamsFailedException;
import org.vogstream.app.kafka.Brokers;
import org.vogstream.app.kafka.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vog run}: the detector in production. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the streaming detector against a Kafka cluster until SIGTERM/Ctrl-C. Settings come from"
                + " --config, then -p overrides; kafka.* and streams.* keys pass through to Kafka Streams.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (default: bootstrap.servers in --config, else $KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file of settings (docs/configuration.md).")
    Path configFile;

    @Option(names = "--model", paramLabel = "NAME=DIR", description = "A model and its checkpoint directory; repeatable"
            + " (same as vog.models.NAME.dir=DIR).")
    List<String> models = List.of();

    @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE", description = "Any setting; repeatable.")
    List<String> properties = List.of();

    /** Where bootstrap.servers came from, for the message when no broker answers there; set by settings(). */
    private String brokerSetting;

    @Override
    public Integer call() throws Exception {
        AppConfig config = new AppConfig(settings());
        // Kafka Streams would retry an absent broker or topic without end, saying nothing; fail in broker.wait.ms instead
        Brokers.check(config.clientProperties(), brokerSetting, config.brokerWait());
        if (!config.getBoolean(AppConfig.TOPICS_CREATE)) {
            Topics.requireExisting(config);
        }
        CompletableFuture<String> stopped = new CompletableFuture<>();
        try (VogStreamsApp app = VogStreamsApp.start(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                stopped.complete(null);
            }, "vog-shutdown"));
            // Kafka Streams in ERROR never recovers: exit with its reason instead of serving a DOWN /health for ever
            app.failure().thenAccept(stopped::complete);
            String id = config.get(AppConfig.APPLICATION_ID);
            System.out.println("vog run: application " + id + ", models " + config.models().keySet() + ", reading "
                    + config.inputTopic() + ", state in " + Path.of(config.streamsProperties()
                            .getProperty(StreamsConfig.STATE_DIR_CONFIG), id));
            String failed = stopped.get();
            if (failed != null) {
                throw new StreamsFailedException("Kafka Streams stopped: " + failed);
            }
        }
        return 0;
    }

    Map<String, String> settings() throws IOException {
        Settings s = new Settings();
        if (configFile != null) {
            s.file(configFile);
            if (s.get(AppConfig.BOOTSTRAP_SERVERS) != null) {
                brokerSetting = AppConfig.BOOTSTRAP_SERVERS + " in " + configFile;
            }
        }
        for (String kv : properties) {
            String[] parts = split(kv, "-p");
            s.set(parts[0], parts[1]);
            if (parts[0].equals(AppConfig.BOOTSTRAP_SERVERS)) {
                brokerSetting = "-p " + AppConfig.BOOTSTRAP_SERVERS;
            }
        }
        for (String m : models) {
            String[] parts = split(m, "--model");
            s.model(parts[0], parts[1]);
        }
        Optional<BrokerAddress> given = Optional.ofNullable(s.get(AppConfig.BOOTSTRAP_SERVERS))
                .map(servers -> new BrokerAddress(servers, brokerSetting));
        BrokerAddress brokers = BrokerAddress.resolve(bootstrapServers, given, "--bootstrap-servers, bootstrap.servers in"
                + " --config, or " + BrokerAddress.ENV);
        brokerSetting = brokers.source();
        return s.bootstrapServers(brokers.servers()).toMap();
    }

    private static String[] split(String kv, String flag) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(flag + " '" + kv + "' is not KEY=VALUE");
        }
        return new String[] {kv.substring(0, eq), kv.substring(eq + 1)};
    }
}

package org.vogstream.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vogstream.app.embedded.EmbeddedKafka;
import picocli.CommandLine.Option;

/** The options the streaming benchmarks share: which cluster, which model set, which detector settings. */
final class StreamBenchOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka brokers; without it, an in-JVM broker for the run.")
    String bootstrapServers;

    @Option(names = "--model", defaultValue = "mnist=models/mnist-lenet", paramLabel = "NAME=DIR",
            description = "The model set (its stats.json is published; test-digits.npy beside it is sent, else generated"
                    + " inputs) (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A detector setting (as in vog run's config file),"
            + " e.g. --set batch.max.wait.ms=50; repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The model's name, once --model is checked. */
    String name() {
        int eq = model.indexOf('=');
        if (eq <= 0 || eq == model.length() - 1) {
            throw new IllegalArgumentException("--model must be NAME=DIR, got '" + model + "'");
        }
        return model.substring(0, eq);
    }

    Path dir() {
        return Path.of(model.substring(name().length() + 1));
    }

    /** What a benchmark does on a cluster, given its bootstrap servers. */
    @FunctionalInterface
    interface OnCluster<R> {
        R run(String bootstrapServers) throws Exception;
    }

    /** Runs {@code body} on --bootstrap-servers, or on an in-JVM broker started for it and stopped after. */
    <R> R onCluster(PrintWriter log, OnCluster<R> body) throws Exception {
        if (bootstrapServers != null) {
            return body.run(bootstrapServers);
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0)) {
            log.println("in-JVM Kafka broker at " + kafka.bootstrapServers() + " (it shares this command's cores)");
            log.flush();
            return body.run(kafka.bootstrapServers());
        }
    }
}

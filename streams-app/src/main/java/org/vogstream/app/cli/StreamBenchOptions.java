package org.vogstream.app.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
}

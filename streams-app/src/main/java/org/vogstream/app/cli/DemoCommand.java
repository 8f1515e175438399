package org.vogstream.app.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.vogstream.app.demo.DemoRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vog demo}: everything in one command, nothing to set up. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an in-JVM Kafka broker, the detector with the bundled LeNet model set and its statistics,"
                + " and live traffic (held-out digits, corrupted digits, noise, malformed records) with a running summary.")
public final class DemoCommand implements Callable<Integer> {
    /** How long Ctrl-C waits for the orderly shutdown before the JVM exits regardless. */
    private static final long STOP_TIMEOUT_S = 30;

    @Option(names = "--kafka-port", defaultValue = "0", paramLabel = "N",
            description = "Fixed broker port, for clients outside this process (default: any free port).")
    int kafkaPort;

    @Option(names = "--no-traffic", description = "Broker and detector only, for trying your own producer.")
    boolean noTraffic;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "Run for D (e.g. 30s, 2m); default: until Ctrl-C.")
    Duration duration;

    @Option(names = "--rate", defaultValue = "300", paramLabel = "N", description = "Events per second (default: ${DEFAULT-VALUE}).")
    double rate;

    /** Any free port, printed: so that vog run (127.0.0.1:9404 by default) can run beside the demo. */
    @Option(names = "--metrics-address", defaultValue = "127.0.0.1:0", paramLabel = "HOST:PORT",
            description = "Where /metrics and /health are served (default: ${DEFAULT-VALUE}, any free port, printed;"
                    + " none to turn off).")
    String metricsAddress;

    @Option(names = "--model-dir", defaultValue = "models/mnist-lenet", paramLabel = "DIR",
            description = "Model set with stats.json and test-digits.npy (default: ${DEFAULT-VALUE}).")
    Path modelDir;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(modelDir.resolve("stats.json"))) {
            throw new java.io.IOException(modelDir + " holds no stats.json: run vog demo from the repository root,"
                    + " or point --model-dir at the bundled models/mnist-lenet");
        }
        if (kafkaPort < 0 || kafkaPort > 65_535) {
            throw new IllegalArgumentException("--kafka-port " + kafkaPort + " is not a port (0 to 65535)");
        }
        // Ctrl-C (or SIGTERM) runs the shutdown hooks and then ends the JVM (status 130, 143). So the hook
        // asks the demo to stop and holds the exit until it has printed its summary, closed the detector and
        // the broker in order and removed their folders. It does not interrupt: an interrupt closes the NIO
        // channels of whatever Kafka file work that thread is doing.
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(STOP_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vog-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            DemoRun.run(new DemoRun.Options(modelDir, kafkaPort, !noTraffic, duration, rate, metricsAddress),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), System.out, stop);
        } finally {
            System.out.flush();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // stopped by a signal: the JVM exits as soon as the hook returns
            }
        }
        return 0;
    }
}

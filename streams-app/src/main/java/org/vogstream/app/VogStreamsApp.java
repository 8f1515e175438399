package org.vogstream.app;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Properties;
import org.vogstream.app.config.AppConfig;
import org.vogstream.app.errors.BoundedThreadReplacement;
import org.vogstream.app.errors.StreamErrorHandling;
import org.vogstream.app.kafka.Topics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.vogstream.app.metrics.MetricsServer;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.topology.FaultInjector;
import org.vogstream.app.topology.VogTopology;
import org.vogstream.core.score.DeviceSpec;
import org.vogstream.core.score.ScorerConfig;

/**
 * The running detector: models loaded, topics in place, Kafka Streams started. A stream thread
 * that dies of an unexpected error is replaced (its task resumes from the last commit, the
 * micro-batch buffer restored from its changelog), a bounded number of times a minute.
 */
public final class VogStreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VogStreamsApp.class);

    private final ModelRegistry models;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final CompletableFuture<String> failure = new CompletableFuture<>();
    private MetricsServer server;
    private boolean closed;

    private VogStreamsApp(ModelRegistry models, KafkaStreams streams, KafkaStreamsMetrics streamsMetrics) {
        this.models = models;
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
    }

    public static VogStreamsApp start(AppConfig config, MeterRegistry registry) throws Exception {
        return start(config, registry, FaultInjector.NONE);
    }

    public static VogStreamsApp start(AppConfig config, MeterRegistry registry, FaultInjector faults) throws Exception {
        if (Boolean.parseBoolean(config.get(AppConfig.TOPICS_CREATE))) {
            List<String> created = Topics.createMissing(config);
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
        }
        ModelRegistry models = ModelRegistry.load(config.models(), new ScorerConfig(
                DeviceSpec.parse(config.get(AppConfig.DEVICE)), config.getInt(AppConfig.THREADS)));
        try {
            VogMetrics metrics = new VogMetrics(registry);
            Properties properties = config.streamsProperties();
            StreamErrorHandling.install(properties, metrics);
            KafkaStreams streams = new KafkaStreams(VogTopology.build(config, models, metrics, faults), properties);
            BoundedThreadReplacement replacement = new BoundedThreadReplacement(config.getInt(AppConfig.THREAD_REPLACEMENTS));
            streams.setUncaughtExceptionHandler(replacement);
            // Micrometer rescans Kafka's metrics every 60 s by default; 10 s shows new threads and tasks sooner
            KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams, List.of(),
                    java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "vog-kafka-metrics");
                        t.setDaemon(true);
                        return t;
                    }), Duration.ofSeconds(10));
            streamsMetrics.bindTo(registry);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmGcMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            VogStreamsApp app = new VogStreamsApp(models, streams, streamsMetrics);
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.ERROR) {
                    String reason = replacement.shutdownReason();
                    app.failure.complete(reason != null ? reason : "Kafka Streams went from " + before + " to ERROR");
                }
            });
            String address = config.get(AppConfig.METRICS_ADDRESS);
            if (registry instanceof PrometheusMeterRegistry prometheus && !address.equals("none")) {
                try {
                    app.server = MetricsServer.start(address, prometheus, streams::state);
                } catch (java.io.IOException e) {
                    // Kafka Streams is not started yet, but its clients and state-directory lock exist
                    streamsMetrics.close();
                    streams.close();
                    throw e;
                }
                LOG.info("metrics on http://{}/metrics, health on /health", address.replaceFirst(":0$", ":" + app.server.port()));
            }
            streams.start();
            return app;
        } catch (Exception e) {
            models.close();
            throw e;
        }
    }

    public KafkaStreams streams() {
        return streams;
    }

    public ModelRegistry models() {
        return models;
    }

    /**
     * Completes with the reason when Kafka Streams stops itself (state ERROR: its threads failed more
     * often than they are replaced, or a source topic vanished); it never restarts from there.
     */
    public CompletableFuture<String> failure() {
        return failure;
    }

    /** The port of the metrics endpoint, or -1 when it is off. */
    public int metricsPort() {
        return server == null ? -1 : server.port();
    }

    /** Waits until the application is running (all tasks assigned and restored). */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > end || !streams.state().isRunningOrRebalancing() && streams.state() != KafkaStreams.State.CREATED) {
                throw new IllegalStateException("Kafka Streams is " + streams.state() + " after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean stopped = streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
        if (server != null) {
            server.close();
        }
        if (stopped) {
            models.close();
        } else {
            // a stream thread may still be scoring: leave its sessions to the process exit
            LOG.warn("Kafka Streams did not stop within 30 s; model sessions left open");
        }
    }
}

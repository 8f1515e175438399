package org.vogstream.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vogstream.app.config.AppConfig;
import org.vogstream.app.errors.BoundedThreadReplacement;
import org.vogstream.app.errors.StreamErrorHandling;
import org.vogstream.app.kafka.StatsPublisher;
import org.vogstream.app.kafka.Topics;
import org.vogstream.app.metrics.MetricsServer;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.model.ModelWatcher;
import org.vogstream.app.model.SelfCalibration;
import org.vogstream.app.query.ModelsView;
import org.vogstream.app.query.QueryApi;
import org.vogstream.app.query.RoutedEntries;
import org.vogstream.app.topology.FaultInjector;
import org.vogstream.app.topology.VogTopology;
import org.vogstream.app.web.WebRoutes;
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
    private ModelWatcher watcher;
    private SelfCalibration selfCalibration;
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
        if (config.getBoolean(AppConfig.TOPICS_CREATE)) {
            List<String> created = Topics.createMissing(config);
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
        }
        ScorerConfig scorerConfig = config.scorerConfig();
        ModelRegistry models = ModelRegistry.load(config.models(), scorerConfig);
        MetricsServer server = null;
        try {
            VogMetrics metrics = new VogMetrics(registry);
            Properties properties = config.streamsProperties();
            StreamErrorHandling.install(properties, metrics);
            AtomicReference<KafkaStreams> started = new AtomicReference<>();
            String address = config.get(AppConfig.METRICS_ADDRESS);
            if (registry instanceof PrometheusMeterRegistry prometheus && !address.equals("none")) {
                // first, so that Kafka Streams is told the port other instances send questions to
                server = MetricsServer.start(address, prometheus,
                        () -> started.get() == null ? KafkaStreams.State.CREATED : started.get().state());
                properties.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised(address, server.port()));
            }
            KafkaStreams streams = new KafkaStreams(VogTopology.build(config, models, metrics, faults), properties);
            started.set(streams);
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
            Predicate<String> hasStats = set -> ModelsView.hasStats(streams.store(StoreQueryParameters.fromNameAndType(
                    VogTopology.CLASS_STATS_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore())), set,
                    classesOf(models, set));
            app.selfCalibration = new SelfCalibration(config.references(), scorerConfig,
                    () -> streams.state() == KafkaStreams.State.RUNNING, hasStats,
                    stats -> StatsPublisher.publish(stats, config.clientProperties(), config.classStatsTopic()), metrics);
            models.all().forEach((name, scorer) -> app.selfCalibration.request(name, scorer.modelSet()));
            long reloadEvery = config.getLong(AppConfig.RELOAD_INTERVAL_MS);
            if (reloadEvery > 0) {
                app.watcher = new ModelWatcher(models, config.models(), scorerConfig, metrics,
                        (name, scorer) -> app.selfCalibration.request(name, scorer.modelSet())).start(reloadEvery);
            }
            if (server != null) {
                app.server = server;
                HostInfo self = HostInfo.buildFromEndpoint(properties.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG));
                RoutedEntries entries = new RoutedEntries(streams, self, config.recentWindow());
                ModelsView view = new ModelsView(models, set -> {
                    try {
                        return hasStats.test(set);
                    } catch (InvalidStateStoreException e) {
                        return false;
                    }
                }, app.selfCalibration::outcome);
                QueryApi api = new QueryApi(models::classes, entries, entries.local(), System::currentTimeMillis, view);
                server.serve(new WebRoutes(api, entries, System::currentTimeMillis));
                LOG.info("metrics on http://{}/metrics, health on /health, queries on /models and /alerts/recent,"
                        + " the auditor's page on /", address.replaceFirst(":0$", ":" + server.port()));
            }
            streams.start();
            return app;
        } catch (Exception e) {
            if (server != null) {
                server.close();
            }
            models.close();
            throw e;
        }
    }

    private static int classesOf(ModelRegistry models, String modelSet) {
        return models.all().values().stream().filter(s -> s.modelSet().id().equals(modelSet))
                .mapToInt(s -> s.modelSet().classes()).findFirst().orElse(0);
    }

    /**
     * Where other instances reach this one: the metrics address with its port, a wildcard host
     * replaced by this machine's name (set {@code streams.application.server} where that is wrong).
     */
    static String advertised(String address, int port) throws java.net.UnknownHostException {
        String host = address.substring(0, address.lastIndexOf(':'));
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = java.net.InetAddress.getLocalHost().getHostName();
        }
        return host + ":" + port;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** What became of the model sets' calibration on their reference sets. */
    public SelfCalibration selfCalibration() {
        return selfCalibration;
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
        selfCalibration.close();
        boolean stopped = streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
        if (server != null) {
            server.close();
        }
        if (stopped) {
            if (watcher != null) {
                watcher.close();
            }
            models.close();
        } else {
            // a stream thread may still be scoring: leave its sessions to the process exit
            LOG.warn("Kafka Streams did not stop within 30 s; model sessions left open");
        }
    }
}

package org.vogstream.app;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vogstream.app.config.AppConfig;
import org.vogstream.app.kafka.Topics;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.topology.FaultInjector;
import org.vogstream.app.topology.VogTopology;
import org.vogstream.core.score.DeviceSpec;
import org.vogstream.core.score.ScorerConfig;

/**
 * The running detector: models loaded, topics in place, Kafka Streams started. A stream thread
 * that dies of an unexpected error is replaced (its task resumes from the last commit, the
 * micro-batch buffer restored from its changelog).
 */
public final class VogStreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VogStreamsApp.class);

    private final ModelRegistry models;
    private final KafkaStreams streams;
    private final VogMetrics metrics;

    private VogStreamsApp(ModelRegistry models, KafkaStreams streams, VogMetrics metrics) {
        this.models = models;
        this.streams = streams;
        this.metrics = metrics;
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
            KafkaStreams streams = new KafkaStreams(VogTopology.build(config, models, metrics, faults),
                    config.streamsProperties());
            streams.setUncaughtExceptionHandler(e -> {
                LOG.error("stream thread failed; replacing it", e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            streams.start();
            return new VogStreamsApp(models, streams, metrics);
        } catch (RuntimeException e) {
            models.close();
            throw e;
        }
    }

    public KafkaStreams streams() {
        return streams;
    }

    public VogMetrics metrics() {
        return metrics;
    }

    public ModelRegistry models() {
        return models;
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
    public void close() {
        streams.close(Duration.ofSeconds(30));
        models.close();
    }
}

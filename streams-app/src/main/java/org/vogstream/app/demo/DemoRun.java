package org.vogstream.app.demo;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.vogstream.app.VogStreamsApp;
import org.vogstream.app.config.AppConfig;
import org.vogstream.app.config.Settings;
import org.vogstream.app.embedded.EmbeddedKafka;
import org.vogstream.app.kafka.StatsPublisher;
import org.vogstream.app.kafka.Topics;
import org.vogstream.detect.stats.StatsJson;

/**
 * The whole system in one process: an in-JVM KRaft broker, the topics, the bundled model set and
 * its class statistics, the streaming app, and live traffic with a running summary. It leaves no
 * files behind: the broker's folder and Kafka Streams' state are temporary and removed on return.
 */
public final class DemoRun {
    public static final String MODEL = "mnist";
    /** The demo's threshold: the fused detector flagging 1% of each class's reference digits. */
    public static final String THRESHOLD = "{\"detector\": \"fused\", \"target_fpr\": 0.01}";

    /**
     * @param modelDir the model set (with stats.json and test-digits.npy)
     * @param kafkaPort fixed broker port, 0 for any
     * @param traffic whether to send traffic
     * @param duration how long to run; null until interrupted
     * @param rate events per second
     * @param metricsAddress where /metrics and /health are served, or none
     */
    public record Options(Path modelDir, int kafkaPort, boolean traffic, Duration duration, double rate,
            String metricsAddress) {}

    private DemoRun() {}

    /**
     * Runs until {@code o.duration()} has passed or {@code stop} is counted down, then shuts down in
     * order and removes its files.
     *
     * @return the final summary; null without traffic
     */
    public static DemoSummary run(Options o, MeterRegistry registry, PrintStream out, CountDownLatch stop)
            throws Exception {
        Path state = Files.createTempDirectory("vog-demo-state-");
        try (EmbeddedKafka kafka = startBroker(o.kafkaPort())) {
            out.println("Kafka bootstrap servers: " + kafka.bootstrapServers());
            AppConfig config = new Settings().bootstrapServers(kafka.bootstrapServers()).model(MODEL, o.modelDir())
                    .applicationId("vog-demo").stateDir(state)
                    .set("streams." + StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200")
                    .set(AppConfig.METRICS_ADDRESS, o.metricsAddress()).toConfig();
            Topics.createMissing(config);
            Properties clients = config.clientProperties();
            int published = StatsPublisher.publish(StatsJson.read(o.modelDir().resolve("stats.json")), clients,
                    config.classStatsTopic());
            try (KafkaProducer<String, String> p = new KafkaProducer<>(clients, new StringSerializer(), new StringSerializer())) {
                p.send(new ProducerRecord<>(config.configTopic(), "*", THRESHOLD)).get();
            }
            out.println("published " + published + " class statistics records and threshold * = " + THRESHOLD);
            try (VogStreamsApp app = VogStreamsApp.start(config, registry)) {
                app.awaitRunning(Duration.ofSeconds(60));
                out.println("detector running; topics: " + config.inputTopic() + " -> " + config.scoredTopic() + ", "
                        + config.alertsTopic() + ", " + config.deadLetterTopic());
                if (app.metricsPort() > 0) {
                    String base = "http://" + o.metricsAddress().replaceFirst(":\\d+$", ":" + app.metricsPort());
                    out.println("auditor's page: " + base + "/ (recent alerts with their heatmaps)");
                    out.println("metrics: " + base + "/metrics, health: /health, queries: /alerts/recent, /models");
                }
                if (!o.traffic()) {
                    out.println("no traffic (--no-traffic): produce to " + config.inputTopic() + " at "
                            + kafka.bootstrapServers() + "; Ctrl-C to stop");
                    if (o.duration() == null) {
                        stop.await();
                    } else {
                        stop.await(o.duration().toNanos(), TimeUnit.NANOSECONDS);
                    }
                    return null;
                }
                return withTraffic(o, config, clients, out, stop);
            }
        } finally {
            Utils.delete(state.toFile());
        }
    }

    private static EmbeddedKafka startBroker(int port) throws Exception {
        try {
            return EmbeddedKafka.start(port);
        } catch (BindException e) {
            throw new BindException(e.getMessage() + " (--kafka-port)");
        }
    }

    private static DemoSummary withTraffic(Options o, AppConfig config, Properties clients, PrintStream out,
            CountDownLatch stop) throws Exception {
        DemoTraffic traffic = new DemoTraffic(clients, config.inputTopic(), MODEL, o.modelDir().resolve("test-digits.npy"),
                o.rate());
        DemoMonitor monitor = new DemoMonitor(clients, config.scoredTopic(), config.alertsTopic(),
                config.deadLetterTopic(), traffic.kinds());
        Thread producer = new Thread(traffic, "vog-demo-traffic");
        Thread consumer = new Thread(monitor, "vog-demo-monitor");
        long start = System.nanoTime();
        producer.start();
        consumer.start();
        long end = o.duration() == null ? Long.MAX_VALUE : start + o.duration().toNanos();
        DemoSummary summary;
        try {
            while (System.nanoTime() < end
                    && !stop.await(Math.min(5_000_000_000L, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                out.println(monitor.summary(traffic.sent(), (System.nanoTime() - start) / 1e9).line());
            }
        } finally {
            traffic.stop();
            producer.join(5_000);
            Thread.sleep(1_500);
            summary = monitor.summary(traffic.sent(), (System.nanoTime() - start) / 1e9);
            monitor.stop();
            consumer.join(5_000);
            out.println(summary.line());
            out.print(summary.byKindTable());
        }
        return summary;
    }
}

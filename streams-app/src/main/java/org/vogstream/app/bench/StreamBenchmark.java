package org.vogstream.app.bench;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.vogstream.app.VogStreamsApp;
import org.vogstream.app.config.AppConfig;
import org.vogstream.app.kafka.Brokers;
import org.vogstream.app.kafka.StatsPublisher;
import org.vogstream.app.kafka.Topics;
import org.vogstream.core.bench.BenchInputs;
import org.vogstream.core.data.InferenceEvent;
import org.vogstream.core.data.InferenceEventCodec;
import org.vogstream.core.errors.ErrorLines;
import org.vogstream.core.score.ModelSet;
import org.vogstream.detect.stats.StatsJson;

/**
 * One end-to-end run: events produced at a rate onto fresh topics, the detector running with its
 * production settings (exactly-once included), every scored record read back with read_committed,
 * and then, with the detector stopped so the two do not share the CPU, the scorer alone on the
 * same inputs at the batch size the stream formed.
 *
 * <p>Latency is a scored record's visibility to a read_committed consumer minus its input record's
 * timestamp (the producer's send time, which the detector keeps on what it forwards), so it
 * includes the micro-batch wait and the transaction commit, as a downstream service sees it.
 *
 * <p>The measured events follow a warm-up phase of their own, sent the same way and read back in
 * full first: the detector's first seconds (JIT compilation, ONNX Runtime's first runs, the first
 * transactions, the statistics parsed on first use) stall it about 1.5 s once, and the backlog that
 * forms then took 5 s to drain at half capacity, which dominated a 20-second run's p95 and p99
 * (1.46 and 1.59 s, against 0.14 s for every later second). The warm-up's figures are reported
 * apart, not dropped.
 */
public final class StreamBenchmark {
    /** How long without a new scored record before the run is declared stuck. */
    private static final Duration STALL = Duration.ofSeconds(60);

    /**
     * @param bootstrapServers the cluster
     * @param model the model name events carry
     * @param modelDir its checkpoints (with stats.json to calibrate, and test-digits.npy to send, when present)
     * @param events how many events to send
     * @param rate events per second, 0 = as fast as the producer goes
     * @param settings further detector settings (AppConfig keys), which win over the benchmark's own
     * @param scorerSeconds how long to measure the scorer alone
     * @param warmup events sent and read back before the measured ones
     */
    public record Options(String bootstrapServers, String model, Path modelDir, int events, double rate,
            Map<String, String> settings, double scorerSeconds, int warmup) {}

    /** What one run measured. */
    public record Result(double offeredRate, double scoredRate, double p50Ms, double p95Ms, double p99Ms,
            double meanBatch, double batchMs, long batchMaxWaitMs, double scorerRate, int scorerBatch, long scored,
            long duplicates, String inputs, boolean paced) {
        public double e2eVsScorer() {
            return scoredRate / scorerRate;
        }
    }

    private StreamBenchmark() {}

    public static Result run(Options o, PrintWriter log) throws Exception {
        ModelSet set = ModelSet.load(o.modelDir());
        BenchInputs inputs = BenchInputs.of(set, o.modelDir());
        String run = "vog-bench-" + UUID.randomUUID().toString().substring(0, 8);
        Path state = Files.createTempDirectory(run + "-state-");
        AppConfig config = config(o, run, state);
        Properties clients = config.clientProperties();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        boolean reached = false;
        try {
            Brokers.check(clients, "--bootstrap-servers");
            reached = true;
            Topics.createMissing(config);
            Path stats = BenchInputs.beside(o.modelDir(), "stats.json");
            if (Files.isRegularFile(stats)) {
                StatsPublisher.publish(StatsJson.read(stats), clients, config.classStatsTopic());
            }
            log.printf("%s: %d events at %s from %s; topics %s*, exactly-once, batch.size %d, batch.max.wait.ms %d%n",
                    run, o.events(), o.rate() > 0 ? o.rate() + " ev/s" : "full speed", inputs.source(), run + "-",
                    config.batchSize(), config.batchMaxWaitMs());
            log.flush();
            Result r;
            try (VogStreamsApp app = VogStreamsApp.start(config, registry);
                    KafkaConsumer<String, byte[]> scored = consumer(clients, config.scoredTopic())) {
                app.awaitRunning(Duration.ofSeconds(60));
                Set<String> earlier = new HashSet<>();
                long warmupDuplicates = 0;
                if (o.warmup() > 0) {
                    Timing w = produceAndConsume(o, o.warmup(), "warmup-", earlier, inputs, clients, config.inputTopic(),
                            scored, log);
                    log.printf(java.util.Locale.ROOT, "warm-up (not counted): %d events, %.0f scored/s, p50 %.0f ms, p99 %.0f ms,"
                            + " %d duplicates%n", w.scored, w.scoredRate, w.latencies.percentile(50), w.latencies.percentile(99),
                            w.duplicates);
                    log.flush();
                    // exactly-once is judged on every record, the start-up's above all
                    warmupDuplicates = w.duplicates;
                }
                // the batches of the measured phase alone: the warm-up's cold ones would inflate the expected p99
                BatchTotals before = BatchTotals.of(registry);
                Timing t = produceAndConsume(o, o.events(), "bench-", earlier, inputs, clients, config.inputTopic(), scored,
                        log);
                BatchTotals measured = BatchTotals.of(registry).minus(before);
                r = new Result(t.offeredRate, t.scoredRate, t.latencies.percentile(50), t.latencies.percentile(95),
                        t.latencies.percentile(99), measured.meanSize(), measured.meanMs(), config.batchMaxWaitMs(), Double.NaN,
                        0, t.scored, t.duplicates + warmupDuplicates, inputs.source(), o.rate() > 0);
            }
            int scorerBatch = Double.isNaN(r.meanBatch()) ? config.batchSize() : Math.max(1, (int) Math.round(r.meanBatch()));
            double scorerRate = ScorerRate.measure(set, config, inputs, scorerBatch, o.scorerSeconds());
            return new Result(r.offeredRate(), r.scoredRate(), r.p50Ms(), r.p95Ms(), r.p99Ms(), r.meanBatch(), r.batchMs(),
                    r.batchMaxWaitMs(), scorerRate, scorerBatch, r.scored(), r.duplicates(), r.inputs(), r.paced());
        } finally {
            // a broker that never answered holds nothing of the run's, and asking it would wait its timeouts out
            if (reached) {
                cleanUp(clients, run, log);
            }
            Utils.delete(state.toFile());
        }
    }

    private static AppConfig config(Options o, String run, Path state) {
        return RunSettings.of(o.bootstrapServers(), run, state, o.model(), o.modelDir())
                .set(AppConfig.METRICS_ADDRESS, "none").setAll(o.settings()).toConfig();
    }

    private record Timing(double offeredRate, double scoredRate, Latencies latencies, long scored, long duplicates) {}

    /** The detector's batch metrics so far: how many batches, of how many events, in how long. */
    private record BatchTotals(long batches, double events, double millis) {
        static BatchTotals of(SimpleMeterRegistry registry) {
            DistributionSummary size = registry.find("vog.batch.size").summary();
            Timer time = registry.find("vog.batch.duration").timer();
            return new BatchTotals(size == null ? 0 : size.count(), size == null ? 0 : size.totalAmount(),
                    time == null ? 0 : time.totalTime(TimeUnit.MILLISECONDS));
        }

        BatchTotals minus(BatchTotals o) {
            return new BatchTotals(batches - o.batches, events - o.events, millis - o.millis);
        }

        double meanSize() {
            return batches == 0 ? Double.NaN : events / batches;
        }

        double meanMs() {
            return batches == 0 ? Double.NaN : millis / batches;
        }
    }

    /**
     * @param prefix the phase's event ids start with it
     * @param earlier the ids of the phases before; this phase's are added
     */
    private static Timing produceAndConsume(Options o, int events, String prefix, Set<String> earlier, BenchInputs inputs,
            Properties clients, String topic, KafkaConsumer<String, byte[]> scored, PrintWriter log) throws Exception {
        Properties p = new Properties();
        p.putAll(clients);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        long[] sendNanos = new long[2];
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread producer = new Thread(() -> {
            try (KafkaProducer<String, byte[]> out = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                sendNanos[0] = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    if (o.rate() > 0) {
                        long wait = sendNanos[0] + (long) (i / o.rate() * 1e9) - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                    String id = prefix + i;
                    long now = System.currentTimeMillis();
                    byte[] value = InferenceEventCodec.encode(new InferenceEvent(id, o.model(), now, inputs.exampleDims(),
                            inputs.row(i), java.util.OptionalInt.empty(), "vog-bench", Map.of()));
                    out.send(new ProducerRecord<>(topic, null, now, id, value));
                }
                out.flush();
                sendNanos[1] = System.nanoTime();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failure.set(e);
            }
        }, "vog-bench-producer");
        producer.setDaemon(true);
        producer.start();
        try {
            return consume(events, earlier, scored, producer, failure, sendNanos, log);
        } finally {
            // on a failure, stop sending before the run's topics are deleted
            producer.interrupt();
            producer.join(10_000);
        }
    }

    /** Reads the scored records until every event came back once, then a little longer to see any duplicate. */
    private static Timing consume(int events, Set<String> earlier, KafkaConsumer<String, byte[]> scored, Thread producer,
            java.util.concurrent.atomic.AtomicReference<Exception> failure, long[] sendNanos, PrintWriter log)
            throws Exception {
        Latencies latencies = new Latencies();
        Set<String> seen = new HashSet<>(events * 2);
        long duplicates = 0;
        long lastProgress = System.nanoTime();
        long lastScored = 0;
        long nextReport = System.nanoTime() + 5_000_000_000L;
        while (seen.size() < events) {
            var records = scored.poll(Duration.ofMillis(200));
            long nowNanos = System.nanoTime();
            long nowMillis = System.currentTimeMillis();
            for (ConsumerRecord<String, byte[]> r : records) {
                if (earlier.contains(r.key()) || !seen.add(r.key())) {
                    duplicates++;
                    continue;
                }
                latencies.add(nowMillis - r.timestamp());
                lastScored = nowNanos;
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            if (!records.isEmpty()) {
                lastProgress = nowNanos;
            } else if (nowNanos - lastProgress > STALL.toNanos()) {
                throw new IllegalStateException("no scored record for " + STALL.toSeconds() + " s after " + seen.size()
                        + " of " + events);
            }
            if (nowNanos > nextReport) {
                log.printf("  %d of %d scored%n", seen.size(), events);
                log.flush();
                nextReport = nowNanos + 5_000_000_000L;
            }
        }
        producer.join();
        // a duplicate would come with a later transaction: read on for a few commit intervals
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < end) {
            for (ConsumerRecord<String, byte[]> r : scored.poll(Duration.ofMillis(200))) {
                duplicates += !earlier.contains(r.key()) && seen.add(r.key()) ? 0 : 1;
            }
        }
        double sendSeconds = (sendNanos[1] - sendNanos[0]) / 1e9;
        double scoredSeconds = (lastScored - sendNanos[0]) / 1e9;
        earlier.addAll(seen);
        return new Timing(events / sendSeconds, events / scoredSeconds, latencies, seen.size(), duplicates);
    }

    static KafkaConsumer<String, byte[]> consumer(Properties clients, String topic) {
        Properties p = new Properties();
        p.putAll(clients);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(java.util.Locale.ROOT));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            c.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            c.assign(partitions);
            c.seekToBeginning(partitions);
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * The run's topics (its own and Kafka Streams' internal ones, all named after the run) and its
     * consumer group go with it, so benchmarks against a shared cluster leave nothing behind.
     */
    static void cleanUp(Properties clients, String run, PrintWriter log) {
        try (Admin admin = Admin.create(clients)) {
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(run + "-")).toList();
            admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
            // a closed Kafka Streams member stays in the group until its session times out (it does not leave
            // on close, to spare restarts a rebalance), and a group with members cannot be deleted: remove them
            try {
                admin.removeMembersFromConsumerGroup(run, new RemoveMembersFromConsumerGroupOptions())
                        .all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // no members left (or no group): the delete below says what it finds
            }
            admin.deleteConsumerGroups(List.of(run)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the figures stand; what is left is clutter, named so it can be removed by hand
            log.println("could not remove the run's topics and group " + run + "*: "
                    + ErrorLines.describe(ErrorLines.rootCause(e)));
            log.flush();
        }
    }
}

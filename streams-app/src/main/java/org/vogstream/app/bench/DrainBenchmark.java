package org.vogstream.app.bench;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.vogstream.app.config.AppConfig;
import org.vogstream.app.kafka.Brokers;
import org.vogstream.app.kafka.StatsPublisher;
import org.vogstream.app.kafka.Topics;
import org.vogstream.app.metrics.MetricsEndpoint;
import org.vogstream.app.metrics.StageTimes.Stage;
import org.vogstream.core.bench.BenchInputs;
import org.vogstream.core.data.InferenceEvent;
import org.vogstream.core.data.InferenceEventCodec;
import org.vogstream.core.score.ModelSet;
import org.vogstream.detect.stats.StatsJson;

/**
 * How fast the detector drains a backlog on a core of its own, against its scorer's rate on that
 * core: the input topic is filled first, then {@code vog run} starts in a process pinned to one
 * core ({@link CoreAffinity}) and reads it with its production settings (exactly-once included).
 * Its steady rate is read from its own {@code /metrics} between 20% and 90% of the measured
 * backlog, which follows a warm-up backlog (on this project's 2-core machine the JIT compilers took
 * 36% of the detector's core in its first 20 s, 7% after a minute and 2–4% after 100 s; the last
 * events are a partial batch), with the time it spent
 * per stage ({@code vog_stage_seconds_total}) and the CPU time of its process. The scorer's rate is
 * {@code vog bench}'s fused rate at the detector's batch size on the same core, measured right
 * before and right after, with the detector stopped.
 */
public final class DrainBenchmark {
    /** How long without a processed event before the run is declared stuck. */
    private static final Duration STALL = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofSeconds(1);

    /**
     * @param bootstrapServers the cluster
     * @param model the model name events carry
     * @param modelDir its checkpoints, with stats.json (the detector's statistics are part of what is timed)
     * @param events the measured backlog
     * @param warmup events drained before it, not measured
     * @param settings further detector settings, which win over the benchmark's
     * @param detector the command that runs the detector's main command ({@code ... run} is added)
     * @param scorerSeconds {@code vog bench}'s time per method
     * @param cores where the detector and the rest run
     */
    public record Options(String bootstrapServers, String model, Path modelDir, int events, int warmup,
            Map<String, String> settings,
            List<String> detector, double scorerSeconds, CoreAffinity cores) {}

    /** The detector's counters at one moment. */
    record Snapshot(long nanos, double processed, Map<Stage, Double> stageSeconds, double streamThreadSeconds,
            Map<ThreadGroupsCpu.Kind, Double> threadSeconds, Duration detectorCpu, Duration ownCpu) {}

    /**
     * What one run measured.
     *
     * @param from the snapshot at 20% of the backlog
     * @param to the snapshot at 90%
     * @param deadLetters events the detector dead-lettered (0 in a sound run)
     */
    public record Result(int events, int warmup, int batchSize, double fillRate, double scorerBefore, double scorerAfter,
            Snapshot from, Snapshot to, double drainSeconds, double deadLetters, String placement, String inputs) {
        public double drainRate() {
            return (to.processed() - from.processed()) / ((to.nanos() - from.nanos()) / 1e9);
        }

        public double scorerRate() {
            return (scorerBefore + scorerAfter) / 2;
        }

        public double drainVsScorer() {
            return drainRate() / scorerRate();
        }

        /** Microseconds per event a stage took, between the two snapshots. */
        public double micros(Stage s) {
            return 1e6 * (to.stageSeconds().get(s) - from.stageSeconds().get(s)) / (to.processed() - from.processed());
        }

        /** The detector process's CPU microseconds per event, all its threads. */
        public double cpuMicros() {
            return (to.detectorCpu().minus(from.detectorCpu()).toNanos() / 1e3) / (to.processed() - from.processed());
        }

        /** The stream threads' CPU microseconds per event; 0 from builds that do not report it. */
        public double streamThreadMicros() {
            return 1e6 * (to.streamThreadSeconds() - from.streamThreadSeconds()) / (to.processed() - from.processed());
        }

        /** CPU microseconds per event of a kind of thread; NaN where /proc is not there. */
        public double threadMicros(ThreadGroupsCpu.Kind kind) {
            if (!to.threadSeconds().containsKey(kind)) {
                return Double.NaN;
            }
            return 1e6 * (to.threadSeconds().get(kind) - from.threadSeconds().get(kind)) / (to.processed() - from.processed());
        }

        /** Share of one core the detector process used. */
        public double detectorBusy() {
            return to.detectorCpu().minus(from.detectorCpu()).toNanos() / (double) (to.nanos() - from.nanos());
        }

        /** Share of one core the broker (with this command) used. */
        public double brokerBusy() {
            return to.ownCpu().minus(from.ownCpu()).toNanos() / (double) (to.nanos() - from.nanos());
        }

        /** Whether the detector reports its stages (builds before the stage timers do not). */
        public boolean staged() {
            return to.stageSeconds().values().stream().mapToDouble(Double::doubleValue).sum() > 0;
        }
    }

    private DrainBenchmark() {}

    public static Result run(Options o, PrintWriter log) throws Exception {
        ModelSet set = ModelSet.load(o.modelDir());
        BenchInputs inputs = BenchInputs.of(set, o.modelDir());
        Path stats = BenchInputs.beside(o.modelDir(), "stats.json");
        if (!Files.isRegularFile(stats)) {
            throw new IllegalArgumentException(o.modelDir() + " has no stats.json: the detector's statistics are part of"
                    + " what a drain measures (vog calibrate writes them)");
        }
        String run = "vog-drain-" + UUID.randomUUID().toString().substring(0, 8);
        Path work = Files.createTempDirectory(run + "-");
        int port = MetricsEndpoint.freeLoopbackPort();
        Map<String, String> s = RunSettings.of(o.bootstrapServers(), run, work.resolve("state"), o.model(), o.modelDir())
                .set(AppConfig.METRICS_ADDRESS, "127.0.0.1:" + port).setAll(o.settings()).toMap();
        AppConfig config = new AppConfig(s);
        Properties clients = config.clientProperties();
        boolean reached = false;
        try {
            Brokers.check(clients, "--bootstrap-servers");
            reached = true;
            Topics.createMissing(config);
            StatsPublisher.publish(StatsJson.read(stats), clients, config.classStatsTopic());
            log.printf("%s: %s; %d + %d warm-up events from %s, batch.size %d, exactly-once%n", run,
                    o.cores().describe(), o.events(), o.warmup(), inputs.source(), config.batchSize());
            log.flush();
            double fillRate = fill(o, inputs, clients, config.inputTopic());
            log.printf(Locale.ROOT, "backlog written at %.0f events/s; the scorer alone on the detector's core...%n",
                    fillRate);
            log.flush();
            double before = PinnedScorerRate.measure(o.modelDir(), config.batchSize(), o.scorerSeconds(), o.cores());
            Drained d;
            try (DetectorProcess detector = DetectorProcess.start(o.detector(), s, port, o.cores(),
                    work.resolve("detector.log"))) {
                d = drain(detector, o.warmup(), o.events(), log);
            }
            double after = PinnedScorerRate.measure(o.modelDir(), config.batchSize(), o.scorerSeconds(), o.cores());
            return new Result(o.events(), o.warmup(), config.batchSize(), fillRate, before, after, d.from, d.to, d.seconds,
                    d.deadLetters, o.cores().describe(), inputs.source());
        } finally {
            if (reached) {
                StreamBenchmark.cleanUp(clients, run, log);
            }
            Utils.delete(work.toFile());
        }
    }

    /** The backlog: every event written and acknowledged before the detector starts. */
    private static double fill(Options o, BenchInputs inputs, Properties clients, String topic) {
        Properties p = new Properties();
        p.putAll(clients);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(1 << 20));
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> out = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < o.warmup() + o.events(); i++) {
                String id = "drain-" + i;
                long now = System.currentTimeMillis();
                byte[] value = InferenceEventCodec.encode(new InferenceEvent(id, o.model(), now, inputs.exampleDims(),
                        inputs.row(i), OptionalInt.empty(), "vog-bench-drain", Map.of()));
                out.send(new ProducerRecord<>(topic, null, now, id, value));
            }
            out.flush();
        }
        return (o.warmup() + o.events()) / ((System.nanoTime() - start) / 1e9);
    }

    private record Drained(Snapshot from, Snapshot to, double seconds, double deadLetters) {}

    private static Drained drain(DetectorProcess detector, int warmup, int measured, PrintWriter log)
            throws InterruptedException {
        int events = warmup + measured;
        Snapshot from = null;
        Snapshot to = null;
        Snapshot first = null;
        long lastProgress = System.nanoTime();
        double lastProcessed = -1;
        long nextReport = System.nanoTime() + 5_000_000_000L;
        while (true) {
            Thread.sleep(POLL.toMillis());
            String text;
            try {
                text = detector.metrics();
            } catch (UncheckedIOException starting) {
                // not listening yet; a detector that exited says so through metrics()
                if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    throw new IllegalStateException("the detector's /metrics did not answer within " + STALL.toSeconds()
                            + " s: " + detector.lastLines());
                }
                continue;
            }
            Snapshot now = snapshot(text, detector);
            if (first == null && now.processed() > 0) {
                first = now;
            }
            if (from == null && now.processed() >= warmup + 0.2 * measured) {
                from = now;
            }
            if (to == null && now.processed() >= warmup + 0.9 * measured) {
                to = now;
            }
            if (now.processed() >= events) {
                double seconds = (now.nanos() - first.nanos()) / 1e9;
                return new Drained(from, to, seconds, MetricsEndpoint.sum(text, "vog_events_total",
                        l -> l.contains("outcome=\"dead_letter\"")));
            }
            if (now.processed() > lastProcessed) {
                lastProcessed = now.processed();
                lastProgress = now.nanos();
            } else if (now.nanos() - lastProgress > STALL.toNanos()) {
                throw new IllegalStateException("the detector processed nothing for " + STALL.toSeconds() + " s after "
                        + (long) now.processed() + " of " + events + " events: " + detector.lastLines());
            }
            if (now.nanos() > nextReport) {
                log.printf("  %d of %d processed%n", (long) now.processed(), events);
                log.flush();
                nextReport = now.nanos() + 5_000_000_000L;
            }
        }
    }

    private static Snapshot snapshot(String text, DetectorProcess detector) {
        Map<Stage, Double> stages = new EnumMap<>(Stage.class);
        for (Stage st : Stage.values()) {
            stages.put(st, MetricsEndpoint.sum(text, "vog_stage_seconds_total", l -> l.contains("stage=\"" + st.tag() + "\"")));
        }
        return new Snapshot(System.nanoTime(), MetricsEndpoint.sum(text, "vog_events_total", l -> true), stages,
                MetricsEndpoint.sum(text, "vog_stream_thread_cpu_seconds_total", l -> true),
                ThreadGroupsCpu.read(detector.pid()), detector.cpu(), ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
    }
}

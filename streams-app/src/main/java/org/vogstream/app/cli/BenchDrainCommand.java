package org.vogstream.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vogstream.app.bench.CoreAffinity;
import org.vogstream.app.bench.DrainBenchmark;
import org.vogstream.app.bench.Launcher;
import org.vogstream.app.bench.ThreadGroupsCpu;
import org.vogstream.app.metrics.StageTimes.Stage;
import org.vogstream.core.cli.FlagCheck;
import org.vogstream.core.cli.JobCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vog bench-drain}: the detector's per-event cost beside the math it exists for, as one
 * number ({@code drain_vs_scorer}) and a table of where the rest goes.
 */
@Command(name = "bench-drain", mixinStandardHelpOptions = true,
        description = "Fill the input topic with a backlog, then time vog run draining it on a core of its own"
                + " (taskset; the broker and this command on the others), against vog bench's fused rate on that core"
                + " at the same batch size, measured before and after; print the time per event of each stage.")
public final class BenchDrainCommand extends JobCommand {
    @Mixin
    StreamBenchOptions cluster;

    @Option(names = "--events", defaultValue = "30000", paramLabel = "N",
            description = "The measured backlog (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--warmup", defaultValue = "200000", paramLabel = "N",
            description = "Events drained first, not measured: the JIT compilers took 36%% of the detector's core in"
                    + " its first 20 s and still 3%% after 100 s (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--detector-jar", paramLabel = "JAR",
            description = "Run the detector from this jar (vog.jar or vog-runtime.jar of any build, to compare builds);"
                    + " default: this program.")
    Path detectorJar;

    @Option(names = "--scorer-seconds", defaultValue = "3", paramLabel = "S",
            description = "vog bench's time per method, before and after (default: ${DEFAULT-VALUE}).")
    double scorerSeconds;

    @Option(names = "--no-pin", negatable = false, description = "Do not pin the detector to a core.")
    boolean noPin;

    @Override
    public Integer call() throws Exception {
        String name = cluster.name();
        Path dir = cluster.dir();
        FlagCheck.atLeast("--events", events, 10);
        FlagCheck.require(warmup >= 0, "--warmup", "0 or more", warmup);
        FlagCheck.require(scorerSeconds > 0, "--scorer-seconds", "more than 0", scorerSeconds);
        if (detectorJar != null && !Files.isRegularFile(detectorJar)) {
            throw new IllegalArgumentException("--detector-jar " + detectorJar + " is not a file");
        }
        PrintWriter log = err();
        CoreAffinity cores = CoreAffinity.plan(Runtime.getRuntime().availableProcessors(), !noPin);
        // before the broker starts: the threads it starts inherit this process's cores
        cores.pinThisProcess();
        List<String> detector = detectorJar == null ? Launcher.self() : Launcher.jar(detectorJar);
        DrainBenchmark.Result r = cluster.onCluster(log,
                servers -> DrainBenchmark.run(options(servers, name, dir, detector, cores), log));
        print(out(), r);
        return 0;
    }

    private DrainBenchmark.Options options(String servers, String name, Path dir, List<String> detector, CoreAffinity cores) {
        return new DrainBenchmark.Options(servers, name, dir, events, warmup, cluster.settings, detector, scorerSeconds, cores);
    }

    static void print(PrintWriter out, DrainBenchmark.Result r) {
        out.printf(Locale.ROOT, "%s; %d events after %d of warm-up, from %s, batch.size %d%n", r.placement(), r.events(),
                r.warmup(), r.inputs(), r.batchSize());
        out.printf(Locale.ROOT, "scorer alone on the detector's core, batch %d: %.0f ex/s before, %.0f after%n",
                r.batchSize(), r.scorerBefore(), r.scorerAfter());
        out.printf(Locale.ROOT, "drained in %.1f s; steady rate (20%% to 90%% of the measured backlog) %.0f events/s; detector"
                + " process %.0f%% of a core, broker and this command %.0f%%; %.0f dead letters%n", r.drainSeconds(),
                r.drainRate(), 100 * r.detectorBusy(), 100 * r.brokerBusy(), r.deadLetters());
        double wall = 1e6 / r.drainRate();
        out.printf(Locale.ROOT, "%-50s %10s %7s%n", "wall time of the stream thread per event", "us", "share");
        if (r.staged()) {
            double staged = 0;
            for (Stage s : Stage.values()) {
                staged += r.micros(s);
                row(out, s.tag(), r.micros(s), wall);
            }
            row(out, "kafka, and waiting for the core (the rest)", wall - staged, wall);
        } else {
            out.println("(this detector build reports no vog_stage_seconds: no per-stage rows)");
        }
        row(out, "wall time (1 / steady rate)", wall, wall);
        double cpu = r.cpuMicros();
        out.printf(Locale.ROOT, "%-50s %10s %7s%n", "CPU time of the detector process per event", "us", "share");
        double thread = r.streamThreadMicros();
        if (thread > 0 && !Double.isNaN(r.threadMicros(ThreadGroupsCpu.Kind.JIT))) {
            double named = thread;
            row(out, "stream thread", thread, cpu);
            for (ThreadGroupsCpu.Kind k : List.of(ThreadGroupsCpu.Kind.JIT, ThreadGroupsCpu.Kind.GC,
                    ThreadGroupsCpu.Kind.PRODUCER)) {
                named += r.threadMicros(k);
                row(out, k.label, r.threadMicros(k), cpu);
            }
            row(out, "other threads (ONNX Runtime's, metrics, global store)", cpu - named, cpu);
        }
        row(out, "detector process CPU", cpu, cpu);
        out.printf(Locale.ROOT, "drain_vs_scorer=%.2f%n", r.drainVsScorer());
        out.flush();
    }

    private static void row(PrintWriter out, String what, double micros, double total) {
        out.printf(Locale.ROOT, "%-50s %10.1f %6.1f%%%n", what, micros, 100 * micros / total);
    }
}

package org.vogstream.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.vogstream.app.bench.StreamBenchmark;
import org.vogstream.core.cli.FlagCheck;
import org.vogstream.core.cli.JobCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vog bench-stream}: the streaming path end to end against the scorer's own rate, so a gap
 * between the two shows as one number ({@code e2e_vs_scorer}).
 */
@Command(name = "bench-stream", mixinStandardHelpOptions = true,
        description = "Produce inference events at a rate, run the detector on them with exactly-once, read every"
                + " scored record back (read_committed) and print scored events/s, event-to-scored latency and the"
                + " scorer's raw rate at the same batch size, measured in the same run.")
public final class BenchStreamCommand extends JobCommand {
    @Mixin
    StreamBenchOptions cluster;

    @Option(names = "--events", defaultValue = "20000", paramLabel = "N", description = "Events to send (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "R",
            description = "Events per second; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--warmup", defaultValue = "2000", paramLabel = "N",
            description = "Events sent and read back before the measured ones, reported apart (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--scorer-seconds", defaultValue = "5", paramLabel = "S",
            description = "How long to measure the scorer alone (default: ${DEFAULT-VALUE}).")
    double scorerSeconds;

    @Override
    public Integer call() throws Exception {
        String name = cluster.name();
        Path dir = cluster.dir();
        FlagCheck.require(warmup >= 0, "--warmup", "0 or more", warmup);
        FlagCheck.atLeast("--events", events, 1);
        FlagCheck.require(rate >= 0 && !Double.isInfinite(rate), "--rate", "0 (as fast as possible) or more", rate);
        FlagCheck.require(scorerSeconds > 0, "--scorer-seconds", "more than 0", scorerSeconds);
        PrintWriter log = err();
        StreamBenchmark.Result r = cluster.onCluster(log, servers -> StreamBenchmark.run(options(servers, name, dir), log));
        print(out(), r);
        return 0;
    }

    private StreamBenchmark.Options options(String servers, String name, Path dir) {
        return new StreamBenchmark.Options(servers, name, dir, events, rate, cluster.settings, scorerSeconds, warmup);
    }

    static void print(PrintWriter out, StreamBenchmark.Result r) {
        out.printf(Locale.ROOT, "%12s %12s %8s %8s %8s %10s %9s %14s%n", "offered/s", "scored/s", "p50 ms", "p95 ms",
                "p99 ms", "mean batch", "batch ms", "scorer ev/s");
        out.printf(Locale.ROOT, "%12.0f %12.0f %8.0f %8.0f %8.0f %10.1f %9.1f %14.0f%n", r.offeredRate(), r.scoredRate(),
                r.p50Ms(), r.p95Ms(), r.p99Ms(), r.meanBatch(), r.batchMs(), r.scorerRate());
        out.printf(Locale.ROOT, "scored %d events, %d duplicates seen (read_committed); scorer alone at batch %d, one"
                + " caller; p99 expected while keeping up: batch.max.wait.ms + 2 x batch = %.0f ms%n", r.scored(),
                r.duplicates(), r.scorerBatch(), r.batchMaxWaitMs() + 2 * r.batchMs());
        if (r.paced()) {
            out.println("(paced by --rate: scored/s is at most the offered rate, so e2e_vs_scorer is a capacity figure"
                    + " only at --rate 0)");
        }
        out.printf(Locale.ROOT, "e2e_vs_scorer=%.2f%n", r.e2eVsScorer());
        out.printf(Locale.ROOT, "p99_ms=%.0f%n", r.p99Ms());
        out.flush();
    }
}

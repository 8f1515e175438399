package org.vogstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * vog bench-stream end to end on an in-JVM broker: every event comes back scored exactly once and
 * the summary lines parse, and the run removes its topics and consumer group. The figures themselves are
 * the benchmark's output, not asserted here.
 */
class BenchStreamCommandIT {
    @Test
    void shouldScoreEveryEventOnceAndEndWithTheTwoSummaryLines() {
        VogCli.Run run = VogCli.run("bench-stream", "--model", "mnist=../models/mnist-lenet", "--events", "500",
                "--warmup", "200", "--rate", "250", "--scorer-seconds", "1", "--set", "batch.max.wait.ms=100");

        assertEquals(0, run.code(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).trim().startsWith("offered/s"), run.out());
        assertTrue(run.out().contains("scored 500 events, 0 duplicates seen (read_committed)"), run.out());
        Matcher ratio = Pattern.compile("e2e_vs_scorer=(\\d+\\.\\d+)").matcher(lines.get(lines.size() - 2));
        Matcher p99 = Pattern.compile("p99_ms=(\\d+)").matcher(lines.get(lines.size() - 1));
        assertTrue(ratio.matches(), lines.get(lines.size() - 2));
        assertTrue(p99.matches(), lines.get(lines.size() - 1));
        assertTrue(Double.parseDouble(ratio.group(1)) > 0, lines.get(lines.size() - 2));
        assertTrue(run.out().contains("(paced by --rate"), "a paced run says its ratio is no capacity figure");
        assertTrue(run.err().contains("batch.max.wait.ms 100"), "settings given with --set are in force: " + run.err());
        assertTrue(run.err().matches("(?s).*warm-up \\(not counted\\): 200 events, .* 0 duplicates\\R.*"),
                "the warm-up is reported apart, duplicates and all: " + run.err());
        // the README: the topics it made, Kafka Streams' internal ones and its consumer group are removed afterwards
        assertFalse(run.err().contains("could not remove"), run.err());
    }

    @Test
    void shouldRefuseAModelWithoutADirectory() {
        VogCli.Run run = VogCli.run("bench-stream", "--model", "mnist");

        assertEquals(2, run.code());
        assertEquals("error: --model must be NAME=DIR, got 'mnist'", run.err().strip());
    }
}

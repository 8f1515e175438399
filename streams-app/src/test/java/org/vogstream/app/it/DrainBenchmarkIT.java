package org.vogstream.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vogstream.app.metrics.StageTimes;
import org.vogstream.testsupport.JarRun;

/**
 * {@code vog bench-drain} as a user runs it, with the detector from the runtime artifact: a small
 * backlog drained on a core of its own, every event processed and none dead-lettered, a time per
 * event for every stage of the topology, and {@code drain_vs_scorer=} last.
 */
class DrainBenchmarkIT {
    private static final Path RUNTIME = Path.of("..", "vog-runtime", "target", "vog-runtime.jar");

    @Test
    void shouldDrainABacklogAndPrintEveryStageAndTheRatioLast() throws Exception {
        JarRun r = JarRun.of(Jars.VOG, Duration.ofSeconds(240), "bench-drain", "--model", "mnist=../models/mnist-lenet",
                "--events", "600", "--warmup", "200", "--scorer-seconds", "0.3", "--detector-jar", RUNTIME.toString());
        assertEquals(0, r.code(), String.join("\n", r.err()));
        String out = String.join("\n", r.out());
        List<String> lines = r.out();
        Matcher ratio = Pattern.compile("drain_vs_scorer=(\\d+\\.\\d+)").matcher(lines.get(lines.size() - 1));
        assertTrue(ratio.matches(), "last line: " + lines.get(lines.size() - 1));
        assertTrue(Double.parseDouble(ratio.group(1)) > 0, out);
        assertTrue(out.contains(" 0 dead letters"), out);
        boolean pinnable = Runtime.getRuntime().availableProcessors() >= 2 && Files.isExecutable(Path.of("/usr/bin/taskset"));
        assertTrue(out.contains(pinnable ? "detector on core " : "not pinned"), out);
        for (StageTimes.Stage s : StageTimes.Stage.values()) {
            Matcher row = Pattern.compile("(?m)^" + s.tag() + "\\s+(\\d+\\.\\d)\\s").matcher(out);
            assertTrue(row.find(), "no row for stage " + s.tag() + ":\n" + out);
            if (s == StageTimes.Stage.SCORE || s == StageTimes.Stage.STATISTICS) {
                assertTrue(Double.parseDouble(row.group(1)) > 0, s.tag() + " took no time:\n" + out);
            }
        }
    }
}

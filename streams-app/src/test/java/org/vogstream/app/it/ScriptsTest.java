package org.vogstream.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/faults.sh and scripts/overload.sh print the test's own lines out of Maven's log, as the README
 * shows them. Maven stands in as a script ({@code VOG_MVN}) that writes a log as {@code mvn -B -q} does:
 * its colour resets before the first line the test prints. scripts/check-docs.sh lists and runs the
 * documentation's {@code bash run} blocks and names the line that failed.
 */
class ScriptsTest {
    private static final String ESC = "\u001b";

    @TempDir
    Path dir;

    @Test
    void faultsPrintsTheSeedAndEveryFaultsLineEvenAfterMavensColourResets() throws Exception {
        Path mvn = fakeMaven("faults", "seed 42 (-Dvog.faults.seed to replay)", 0);

        Result r = run("../scripts/faults.sh", mvn, "500", "50");

        assertEquals(0, r.code, r.out);
        assertEquals(List.of("faults: seed 42 (-Dvog.faults.seed to replay)", "faults: SIGKILL at 9 s",
                "faults: 500 events in 10 s"), r.out.lines().toList());
        String args = Files.readString(dir.resolve("args"));
        assertTrue(args.contains("-Dvog.faults.events=500") && args.contains("-Dvog.faults.rate=50"), args);
    }

    @Test
    void overloadPrintsEveryOverloadLineEvenAfterMavensColourResets() throws Exception {
        Path mvn = fakeMaven("overload", "capacity 815 events/s (a backlog of 20,000 drained)", 0);

        Result r = run("../scripts/overload.sh", mvn, "30", "900");

        assertEquals(0, r.code, r.out);
        assertEquals(List.of("overload: capacity 815 events/s (a backlog of 20,000 drained)",
                "overload: SIGKILL at 9 s", "overload: 500 events in 10 s"), r.out.lines().toList());
        String args = Files.readString(dir.resolve("args"));
        assertTrue(args.contains("-Dvog.overload.seconds=30") && args.contains("-Dvog.overload.rate=900"), args);
    }

    @Test
    void aFailedRunShowsTheLogsTailWithoutEscapesAndExitsWithMavensStatus() throws Exception {
        Path mvn = fakeMaven("faults", "seed 42 (-Dvog.faults.seed to replay)", 1);

        Result r = run("../scripts/faults.sh", mvn);

        assertEquals(1, r.code, r.out);
        assertTrue(r.out.startsWith("faults: seed 42"), r.out);
        assertTrue(r.out.contains("\nnot a faults line\n"), r.out);
        assertTrue(!r.out.contains(ESC), r.out);
        assertTrue(r.out.contains("failed; the whole log: "), r.out);
    }

    @Test
    void checkDocsListsTheRepositorysRunnableBlocksWithoutRunningThem() throws Exception {
        Result r = checkDocs("--list");

        assertEquals(0, r.code, r.out);
        assertTrue(r.out.lines().allMatch(l -> l.matches("(README\\.md|docs/[^/]+\\.md):\\d+: .*")
                || l.startsWith("check-docs: no runnable")), r.out);
    }

    @Test
    void checkDocsRunsOnlyBashRunBlocksInOrderFromTheRootAndNamesTheFailingLine() throws Exception {
        Path md = dir.resolve("doc.md");
        Files.writeString(md, String.join("\n", "# doc", "```bash", "echo plain; exit 9", "```", "```bash run",
                "echo first; test -f pom.xml", "```", "- a list item", "", "  ```bash run", "  echo second", "  false",
                "  echo unreached", "  ```", "````console", "```bash run", "echo inside another block", "```", "````",
                "```bash run", "echo never", "```", ""), StandardCharsets.UTF_8);

        Result list = checkDocs("--list", md.toString());
        assertEquals(0, list.code, list.out);
        assertEquals(List.of(md + ":6: echo first; test -f pom.xml", md + ":11: echo second", md + ":21: echo never"),
                list.out.lines().toList());

        Result run = checkDocs(md.toString());
        assertEquals(1, run.code, run.out);
        assertEquals(List.of("check-docs: " + md + ":6", "first", "check-docs: " + md + ":11", "second",
                "check-docs: " + md + ":12: exit 1 (the block at " + md + ":11)"), run.out.lines().toList());
    }

    private static Result checkDocs(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "../scripts/check-docs.sh"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the script did not end");
        return new Result(p.exitValue(), out);
    }

    /** A Maven that records its arguments and writes the lines of a quiet, batch-mode test run. */
    private Path fakeMaven(String tag, String firstLine, int status) throws IOException {
        Path mvn = dir.resolve("mvn");
        Files.writeString(mvn, "#!/usr/bin/env bash\n"
                + "echo \"$@\" > '" + dir.resolve("args") + "'\n"
                + "printf '\\033[0m\\033[0m%s\\n' '" + tag + ": " + firstLine + "'\n"
                + "echo 'not a " + tag + " line'\n"
                + "echo '" + tag + ": SIGKILL at 9 s'\n"
                + "echo '" + tag + ": 500 events in 10 s'\n"
                + "exit " + status + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwx------"));
        return mvn;
    }

    private record Result(int code, String out) {}

    private static Result run(String script, Path mvn, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", script));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("VOG_MVN", mvn.toString());
        pb.environment().remove("VOG_FAULTS_SEED");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the script did not end");
        return new Result(p.exitValue(), out);
    }
}

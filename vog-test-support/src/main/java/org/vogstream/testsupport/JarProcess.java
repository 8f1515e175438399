package org.vogstream.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A child JVM running a jar as a user runs it ({@code java -jar JAR ...}; the project's jars are built
 * in the package phase, before the integration tests), its stdout and stderr collected line by line.
 */
public final class JarProcess implements AutoCloseable {
    public final Process process;
    public final List<String> out = Collections.synchronizedList(new ArrayList<>());
    public final List<String> err = Collections.synchronizedList(new ArrayList<>());

    /** @param tmp the child's java.io.tmpdir */
    public JarProcess(Path jar, Path tmp, String... args) throws IOException {
        this(jar, tmp, "1g", List.of(args));
    }

    public JarProcess(Path jar, Path tmp, String maxHeap, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                // a JVM started where SIGINT is ignored (a background job without job control, nohup) ignores
                // it too, and so would this child: restore the default, as in a terminal
                "env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap,
                "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString()));
        command.addAll(args);
        process = new ProcessBuilder(command).start();
        collect(process.getInputStream(), out);
        collect(process.getErrorStream(), err);
    }

    private static void collect(InputStream stream, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** The first line of stdout that matches, waiting for it. */
    public Matcher await(Pattern pattern, Duration timeout) {
        Optional<Matcher> printed = firstMatch(pattern);
        if (printed.isPresent() || timeout.isZero()) {
            // a zero timeout asks for a line already printed
            return printed.orElseGet(() -> fail("no line like " + pattern + "; " + this));
        }
        try {
            return Awaitility.await("a line like " + pattern).atMost(timeout).pollInterval(Duration.ofMillis(100))
                    // the message is built when it fails: the output that explains the exit comes last
                    .failFast(() -> assertTrue(process.isAlive() || firstMatch(pattern).isPresent(),
                            () -> "exited before printing a line like " + pattern + "; " + this))
                    .until(() -> firstMatch(pattern), Optional::isPresent).orElseThrow();
        } catch (ConditionTimeoutException e) {
            return fail("no line like " + pattern + " within " + timeout.toSeconds() + " s; " + this, e);
        }
    }

    private Optional<Matcher> firstMatch(Pattern pattern) {
        synchronized (out) {
            return out.stream().map(pattern::matcher).filter(Matcher::find).findFirst();
        }
    }

    /** Ctrl-C; returns the seconds until the process ended. */
    public double interrupt(Duration timeout) throws Exception {
        long start = System.nanoTime();
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor());
        assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS),
                "still running " + timeout.toSeconds() + " s after Ctrl-C; " + this);
        return (System.nanoTime() - start) / 1e9;
    }

    /** SIGKILL: no shutdown hook, no commit, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "still running after SIGKILL");
    }

    public int exit(Duration timeout) throws InterruptedException {
        assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), "still running; " + this);
        return process.exitValue();
    }

    @Override
    public String toString() {
        return "stdout:\n" + String.join("\n", out) + "\nstderr:\n" + String.join("\n", err);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}

package org.vogstream.app.it;

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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM running the vog jar as a user runs it ({@code java -jar target/vog.jar ...}; the jar is
 * built in the package phase, before the integration tests), its stdout and stderr collected line by line.
 */
final class VogProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "vog.jar");

    final Process process;
    final List<String> out = Collections.synchronizedList(new ArrayList<>());
    final List<String> err = Collections.synchronizedList(new ArrayList<>());

    /** @param tmp the child's java.io.tmpdir */
    VogProcess(Path tmp, String... args) throws IOException {
        this(tmp, "1g", List.of(args));
    }

    VogProcess(Path tmp, String maxHeap, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                // a JVM started where SIGINT is ignored (a background job without job control, nohup) ignores
                // it too, and so would this child: restore the default, as in a terminal
                "env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap,
                "-Djava.io.tmpdir=" + tmp, "-jar", JAR.toString()));
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
    Matcher await(Pattern pattern, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (out) {
                for (String line : out) {
                    Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        return m;
                    }
                }
            }
            if (System.nanoTime() >= end || !process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        return fail("no line like " + pattern + " within " + timeout.toSeconds() + " s; " + this);
    }

    /** Ctrl-C; returns the seconds until the process ended. */
    double interrupt(Duration timeout) throws Exception {
        long start = System.nanoTime();
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor());
        assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS),
                "still running " + timeout.toSeconds() + " s after Ctrl-C; " + this);
        return (System.nanoTime() - start) / 1e9;
    }

    /** SIGKILL: no shutdown hook, no commit, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "still running after SIGKILL");
    }

    int exit(Duration timeout) throws InterruptedException {
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

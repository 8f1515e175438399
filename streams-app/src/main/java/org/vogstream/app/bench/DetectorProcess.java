package org.vogstream.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.vogstream.app.metrics.MetricsEndpoint;

/**
 * {@code vog run} as a process of its own, so it can have a core of its own: launched from a jar
 * with the settings given, its output kept in a log file, its {@code /metrics} and CPU time read
 * while it runs.
 */
record DetectorProcess(Process process, int metricsPort, Path log) implements AutoCloseable {

    /**
     * @param launcher the command that runs a main command with {@code run} ({@link Launcher})
     * @param settings the detector's settings, passed as {@code -p KEY=VALUE}
     */
    static DetectorProcess start(List<String> launcher, Map<String, String> settings, int metricsPort, CoreAffinity cores,
            Path log) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add("run");
        settings.forEach((k, v) -> command.addAll(List.of("-p", k + "=" + v)));
        Process p = new ProcessBuilder(cores.onDetectorCore(command)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new DetectorProcess(p, metricsPort, log);
    }

    /** Its metrics now; fails with the end of its log once it has exited. */
    String metrics() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the detector exited (" + process.exitValue() + "): " + lastLines());
        }
        return MetricsEndpoint.scrape(metricsPort);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** CPU time the process has used so far, all its threads together. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The last lines of its output, one line. */
    String lastLines() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(its log " + log + " cannot be read: " + e.getMessage() + ")";
        }
    }

    /** Stops it as an operator would (SIGTERM), forcibly when it does not stop within 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}

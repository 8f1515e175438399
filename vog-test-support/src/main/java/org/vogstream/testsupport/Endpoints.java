package org.vogstream.testsupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.vogstream.app.metrics.MetricsEndpoint;

/**
 * What the process-level tests do with a detector's or demo's HTTP side: pick a free port, read
 * {@code /health} and {@code /metrics}, wait for health, and sum a metric out of Prometheus' text.
 */
public final class Endpoints {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Endpoints() {}

    /** A loopback port nothing listens on right now (a closed port, until something takes it). */
    public static int freeLoopbackPort() {
        return MetricsEndpoint.freeLoopbackPort();
    }

    /** {@code n} different loopback ports nothing listens on right now ({@link MetricsEndpoint#freeLoopbackPorts}). */
    public static int[] freeLoopbackPorts(int n) {
        return MetricsEndpoint.freeLoopbackPorts(n);
    }

    /** The status of {@code /health} on 127.0.0.1:port, or -1 when nothing answers there. */
    public static int health(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The text of {@code /metrics} on 127.0.0.1:port. */
    public static String metrics(int port) {
        return MetricsEndpoint.scrape(port);
    }

    /**
     * Waits until {@code /health} answers 200; fails at once, saying {@code context}, when the
     * process has exited, and after {@code timeout} otherwise.
     */
    public static void awaitHealthy(Process process, int port, Duration timeout, Supplier<String> context) {
        await("/health 200 within " + timeout.toSeconds() + " s").atMost(timeout).pollInterval(Duration.ofMillis(250))
                .failFast(() -> assertTrue(process.isAlive(), () -> "the process exited; " + context.get()))
                .until(() -> health(port) == 200);
    }

    /**
     * The sum of a metric's samples in Prometheus' text format, over the series whose line (name and
     * labels) {@code series} accepts.
     */
    public static double sum(String text, String metric, Predicate<String> series) {
        return MetricsEndpoint.sum(text, metric, series);
    }
}

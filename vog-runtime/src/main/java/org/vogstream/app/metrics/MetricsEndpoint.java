package org.vogstream.app.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A detector's {@code /metrics} on the loopback address, in Prometheus' text format, as benchmarks and tests read it. */
public final class MetricsEndpoint {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MetricsEndpoint() {}

    /** A loopback port nothing listens on right now (a closed port, until something takes it). */
    public static int freeLoopbackPort() {
        return freeLoopbackPorts(1)[0];
    }

    /**
     * {@code n} different loopback ports nothing listens on right now: held open together while they
     * are picked, since a port closed after one pick can be the next pick (a broker given the same
     * port for two listeners refused to start).
     */
    public static int[] freeLoopbackPorts(int n) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing a listening socket that accepted nothing: nothing to lose
                }
            }
        }
    }

    /** The text of {@code /metrics} on 127.0.0.1:port. */
    public static String scrape(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The sum of a metric's samples, over the series whose line (name and labels) {@code series}
     * accepts; 0 when it has none.
     */
    public static double sum(String text, String metric, Predicate<String> series) {
        return text.lines().filter(l -> l.startsWith(metric + "{") || l.startsWith(metric + " "))
                .filter(series).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}

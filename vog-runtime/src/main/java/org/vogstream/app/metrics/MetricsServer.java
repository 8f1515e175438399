package org.vogstream.app.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code /metrics} (Prometheus text format, by the Prometheus client's HTTP server),
 * {@code /health}: live unless Kafka Streams failed or stopped, ready while it is RUNNING, and
 * every other path by the API handler once one is {@linkplain #serve served}.
 */
public final class MetricsServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HTTPServer server;
    /** Set after the start: the API needs Kafka Streams, which needs this server's port first. */
    private final AtomicReference<HttpHandler> api;

    private MetricsServer(HTTPServer server, AtomicReference<HttpHandler> api) {
        this.server = server;
        this.api = api;
    }

    /**
     * @param address {@code host:port}; port 0 picks a free one
     * @throws BindException naming the address and the setting to change when it is taken
     */
    public static MetricsServer start(String address, PrometheusMeterRegistry registry, Supplier<KafkaStreams.State> state)
            throws IOException {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("metrics.address '" + address + "' is not host:port");
        }
        AtomicReference<HttpHandler> api = new AtomicReference<>();
        try {
            HTTPServer server = HTTPServer.builder().hostname(address.substring(0, colon))
                    .port(Integer.parseInt(address.substring(colon + 1))).registry(registry.getPrometheusRegistry())
                    .defaultHandler(exchange -> {
                        HttpHandler served = api.get();
                        if (served != null && !exchange.getRequestURI().getPath().equals("/health")) {
                            served.handle(exchange);
                        } else {
                            health(exchange, state.get());
                        }
                    }).buildAndStart();
            return new MetricsServer(server, api);
        } catch (BindException e) {
            // the JDK says only "Address already in use"
            throw new BindException(address + " is in use: set metrics.address (vog demo: --metrics-address) to"
                    + " another port, or none");
        }
    }

    /** The body of {@code /health}; {@code status} sums up the two probes. */
    @JsonPropertyOrder({"status", "live", "ready", "kafka_streams"})
    record Health(String status, boolean live, boolean ready, @JsonProperty("kafka_streams") KafkaStreams.State kafkaStreams) {
        static Health of(KafkaStreams.State state) {
            boolean live = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING
                    && state != KafkaStreams.State.PENDING_ERROR;
            boolean ready = state == KafkaStreams.State.RUNNING;
            return new Health(ready ? "UP" : live ? "STARTING" : "DOWN", live, ready, state);
        }
    }

    /** The answer to every path but {@code /metrics} and {@code /health} until an API is served. */
    record NotFound(String error, int status) {}

    /** Answers every path but {@code /metrics} and {@code /health} from now on. */
    public void serve(HttpHandler handler) {
        api.set(handler);
    }

    private static void health(HttpExchange exchange, KafkaStreams.State state) throws IOException {
        Object body;
        int status;
        if (exchange.getRequestURI().getPath().equals("/health")) {
            Health health = Health.of(state);
            body = health;
            status = health.ready() ? 200 : 503;
        } else {
            body = new NotFound("not found: use /metrics or /health", 404);
            status = 404;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}

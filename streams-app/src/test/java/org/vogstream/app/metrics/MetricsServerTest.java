package org.vogstream.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** The HTTP endpoints, over a real socket. */
class MetricsServerTest {
    private static HttpResponse<String> get(MetricsServer server, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldReportHealthByKafkaStreamsStateAsJson() throws Exception {
        AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.REBALANCING);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("vog.events").increment();
        try (MetricsServer server = MetricsServer.start("127.0.0.1:0", registry, state::get)) {
            HttpResponse<String> starting = get(server, "/health");
            assertEquals(503, starting.statusCode());
            assertEquals("application/json", starting.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("{\"status\":\"STARTING\",\"live\":true,\"ready\":false,\"kafka_streams\":\"REBALANCING\"}",
                    starting.body());

            state.set(KafkaStreams.State.RUNNING);
            HttpResponse<String> up = get(server, "/health");
            assertEquals(200, up.statusCode());
            assertEquals("{\"status\":\"UP\",\"live\":true,\"ready\":true,\"kafka_streams\":\"RUNNING\"}", up.body());

            state.set(KafkaStreams.State.PENDING_ERROR);
            assertEquals("{\"status\":\"DOWN\",\"live\":false,\"ready\":false,\"kafka_streams\":\"PENDING_ERROR\"}",
                    get(server, "/health").body());

            assertTrue(get(server, "/metrics").body().contains("vog_events_total 1.0"));
        }
    }

    @Test
    void shouldAnswerUnknownPathsWithAJsonNotFound() throws Exception {
        try (MetricsServer server = MetricsServer.start("127.0.0.1:0", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> KafkaStreams.State.RUNNING)) {
            HttpResponse<String> missing = get(server, "/nope");
            assertEquals(404, missing.statusCode());
            assertEquals("{\"error\":\"not found: use /metrics or /health\",\"status\":404}", missing.body());
        }
    }

    @Test
    void shouldNameTheAddressAndTheSettingWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            BindException e = assertThrows(BindException.class, () -> MetricsServer.start(address,
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> KafkaStreams.State.RUNNING));
            assertEquals(address + " is in use: set metrics.address (vog demo: --metrics-address) to another port,"
                    + " or none", e.getMessage());
        }
    }
}

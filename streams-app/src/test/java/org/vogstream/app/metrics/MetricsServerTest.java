package org.vogstream.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.vogstream.app.config.AppConfig;
import org.vogstream.app.testing.Interfaces;

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

    /**
     * By default /metrics and /health answer on loopback only (they tell anyone who asks the models,
     * classes and alert rates); metrics.address=0.0.0.0:PORT exposes them, as the README says.
     */
    @Test
    void shouldListenOnLoopbackOnlyByDefaultAndOnEveryInterfaceWhenAskedTo() throws Exception {
        String address = new AppConfig(Map.of(AppConfig.BOOTSTRAP_SERVERS, "localhost:9092",
                AppConfig.MODELS_PREFIX + "mnist.dir", "models/mnist-lenet")).get(AppConfig.METRICS_ADDRESS);
        assertEquals("127.0.0.1:9404", address);
        String host = address.substring(0, address.lastIndexOf(':'));
        assertTrue(InetAddress.getByName(host).isLoopbackAddress());
        Optional<InetAddress> outside = Interfaces.nonLoopbackAddress();
        // the default's host on a free port (9404 itself may be taken on a machine running the demo)
        try (MetricsServer server = MetricsServer.start(host + ":0", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> KafkaStreams.State.RUNNING)) {
            assertEquals(200, get(server, "/health").statusCode());
            if (outside.isPresent()) {
                assertEquals(-1, status(outside.get(), server.port()), "reachable on " + outside.get());
            }
        }
        try (MetricsServer server = MetricsServer.start("0.0.0.0:0", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> KafkaStreams.State.RUNNING)) {
            assertEquals(200, get(server, "/health").statusCode());
            if (outside.isPresent()) {
                assertEquals(200, status(outside.get(), server.port()));
            }
        }
    }

    /** The HTTP status of /health at that address, or -1 when nothing answers there. */
    private static int status(InetAddress address, int port) throws Exception {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(HttpRequest.newBuilder(
                    URI.create("http://" + address.getHostAddress() + ":" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (ConnectException e) {
            return -1;
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

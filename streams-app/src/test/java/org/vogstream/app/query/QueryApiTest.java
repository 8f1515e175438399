package org.vogstream.app.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vogstream.app.metrics.MetricsServer;
import org.vogstream.app.records.Json;
import org.vogstream.app.testing.Digits;
import org.vogstream.app.topology.TopologyHarness;
import org.vogstream.app.topology.TopologyTestBase;
import org.vogstream.detect.stats.StatsJson;
import org.vogstream.testsupport.RecordSchemas;

/**
 * The API over a real socket on the metrics server, answering from the real topology's stores:
 * the answers, every error, and every body checked against its schema in schemas/.
 */
class QueryApiTest extends TopologyTestBase {
    private static final long AT = TopologyHarness.START.toEpochMilli();
    private MetricsServer server;

    @BeforeEach
    void serve() throws Exception {
        TopologyHarness h = start(Map.of("batch.size", "10"));
        h.publishStats(StatsJson.read(Digits.MODEL_DIR.resolve("stats.json")));
        h.threshold("*", "{\"detector\": \"fused\", \"target_fpr\": 0.5}");
        for (int i = 0; i < 30; i++) {
            h.send(Digits.json("e-" + i, "mnist", i, AT - (30 - i) * 1_000L));
        }
        h.tick(Duration.ofSeconds(1));
        assertEquals(30, h.scored().size());
        server = MetricsServer.start("127.0.0.1:0", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> KafkaStreams.State.RUNNING);
        LocalEntries entries = h.recentEntries();
        server.serve(new QueryApi(models::classes, entries, entries, () -> AT, new ModelsView(models,
                set -> ModelsView.hasStats(h.classStatsStore(), set, 10), set -> java.util.Optional.empty())));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** GETs the path, checks the status, the content type and the body's schema, and returns the body. */
    private JsonNode get(String path, int status, String schema) throws Exception {
        HttpResponse<String> r = send("GET", path);
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = Json.MAPPER.readTree(r.body());
        RecordSchemas.assertValid(schema, body);
        return body;
    }

    private void error(String path, int status, String message) throws Exception {
        JsonNode body = get(path, status, "api-error");
        assertEquals(status, body.get("status").asInt());
        assertEquals(message, body.get("error").asText(), path);
    }

    @Test
    void shouldAnswerRankedEntriesOfAClassAModelAndTheRecentAlerts() throws Exception {
        JsonNode all = get("/models/mnist/hardest?limit=5", 200, "api-entries");
        assertEquals(5, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).get("ood_score").asDouble() >= all.get(i).get("ood_score").asDouble(),
                    "highest ood_score first: " + all);
        }
        int cls = all.get(0).get("predicted_class").asInt();
        JsonNode ofClass = get("/models/mnist/classes/" + cls + "/hardest?limit=1", 200, "api-entries");
        assertEquals(all.get(0), ofClass.get(0), "the model's hardest is its class's hardest");
        assertEquals(25, get("/models/mnist/hardest", 200, "api-entries").size(), "25 by default");
        assertEquals(0, get("/models/mnist/classes/" + cls + "/hardest/?limit=3", 200, "api-entries").findValues("model")
                .stream().filter(m -> !m.asText().equals("mnist")).count(), "a trailing slash is the same path");

        JsonNode alerts = get("/alerts/recent?limit=4", 200, "api-alerts");
        assertEquals(4, alerts.size());
        assertTrue(alerts.get(0).get("event_time").asText().compareTo(alerts.get(3).get("event_time").asText()) >= 0,
                "newest first");
        int alertClass = alerts.get(0).get("predicted_class").asInt();
        JsonNode ofAlertClass = get("/alerts/recent?model=mnist&class=" + alertClass, 200, "api-alerts");
        assertTrue(ofAlertClass.size() > 0);
        ofAlertClass.forEach(a -> assertEquals(alertClass, a.get("predicted_class").asInt()));
        assertEquals(alerts, get("/alerts/recent?model=mnist&limit=4", 200, "api-alerts"));
        assertEquals(alerts, get("/local/alerts/recent?limit=4&at=" + AT, 200, "api-alerts"), "local, at the same moment");
        assertEquals(0, get("/local/alerts/recent?limit=4&at=" + (AT + 3_600_000), 200, "api-alerts").size(),
                "an hour later the window is empty");
    }

    @Test
    void shouldListTheModelSetsInForceWithTheirStatistics() throws Exception {
        JsonNode sets = get("/models", 200, "api-models");
        assertEquals(1, sets.size());
        JsonNode mnist = sets.get(0);
        assertEquals("mnist", mnist.get("model").asText());
        assertEquals(models.scorer("mnist").orElseThrow().modelSet().id(), mnist.get("model_set").asText());
        assertEquals("[\"ck-005.onnx\",\"ck-010.onnx\",\"ck-015.onnx\"]", mnist.get("checkpoints").toString());
        assertEquals("[1,28,28]", mnist.get("input_shape").toString());
        assertEquals("calibrated", mnist.get("statistics").asText(), "the bundled statistics were published");
        error("/models?limit=3", 400, "unknown parameter 'limit' (known: none)");
    }

    @Test
    void shouldAnswerUnknownModelsClassesAndPathsWith404AndBadParametersWith400() throws Exception {
        error("/models/cifar/hardest", 404, "unknown model 'cifar'");
        error("/models/cifar/classes/1/hardest", 404, "unknown model 'cifar'");
        error("/models/mnist/classes/10/hardest", 404, "unknown class 10 of model 'mnist' (classes 0-9)");
        error("/models/mnist/classes/-1/hardest", 404, "unknown class -1 of model 'mnist' (classes 0-9)");
        error("/alerts/recent?model=cifar", 404, "unknown model 'cifar'");
        error("/alerts/recent?model=mnist&class=12", 404, "unknown class 12 of model 'mnist' (classes 0-9)");
        error("/local/models", 404, "not found: /local/models: " + QueryApi.PATHS);
        error("/models/mnist/easiest", 404, "not found: /models/mnist/easiest: " + QueryApi.PATHS);
        error("/nope", 404, "not found: /nope: " + QueryApi.PATHS);

        for (String limit : List.of("0", "-3", "1001", "ten", "", "2.5")) {
            error("/models/mnist/hardest?limit=" + limit, 400, "limit=" + limit + " is not an integer from 1 to 1000");
        }
        error("/models/mnist/classes/x/hardest", 400, "class 'x' in the path is not an integer");
        error("/alerts/recent?model=mnist&class=one", 400, "class 'one' in class= is not an integer");
        error("/alerts/recent?class=3", 400, "class=3 needs model=NAME");
        error("/models/mnist/hardest?limt=3", 400, "unknown parameter 'limt' (known: limit)");
        error("/alerts/recent?limit=3&limit=4", 400, "parameter limit given twice");
        error("/models/mnist/hardest?at=5", 400, "unknown parameter 'at' (known: limit)");
        error("/local/models/mnist/hardest?limit=3", 400, "at=null is not epoch milliseconds (a /local path needs it)");

        HttpResponse<String> post = send("POST", "/alerts/recent");
        assertEquals(405, post.statusCode());
        RecordSchemas.assertValid("api-error", Json.MAPPER.readTree(post.body()));
        assertEquals(200, send("GET", "/health").statusCode(), "/health is still the server's own");
    }
}

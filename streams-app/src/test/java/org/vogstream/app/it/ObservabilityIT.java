package org.vogstream.app.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.app.VogStreamsApp;
import org.vogstream.app.config.AppConfig;
import org.vogstream.app.embedded.EmbeddedKafka;
import org.vogstream.app.kafka.StatsPublisher;
import org.vogstream.app.records.Json;
import org.vogstream.app.testing.Digits;
import org.vogstream.detect.stats.StatsJson;
import org.vogstream.testsupport.Endpoints;
import org.vogstream.testsupport.TestProducers;

/**
 * Every dashboard panel and alert rule, checked with the tools that read them: a real Prometheus
 * (Debian's package, installed by .ci/run) scrapes the detector running in this JVM; promtool
 * parses every expression; each expression returns data after traffic; the class OoD rule stays
 * below its threshold on clean digits and crosses it on corrupted ones.
 */
class ObservabilityIT {
    private static final Path ROOT = Path.of("..");
    private static final Pattern METRIC = Pattern.compile("\\b((?:vog|kafka|jvm|process)_[a-z0-9_]+)\\b");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void shouldServeEveryMetricTheDashboardsAndRulesUseAndFireTheOodRuleOnlyOnCorruptedTraffic() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prometheus")) && Files.isExecutable(Path.of("/usr/bin/promtool")),
                "Debian's prometheus package is not installed (bash .ci/run installs it)");
        Map<String, String> expressions = expressions();
        promtoolParses(expressions);

        try (EmbeddedKafka kafka = EmbeddedKafka.start(0)) {
            Map<String, String> s = new LinkedHashMap<>();
            s.put(AppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            s.put(AppConfig.APPLICATION_ID, "vog-observability");
            s.put(AppConfig.MODELS_PREFIX + "mnist.dir", Digits.MODEL_DIR.toString());
            s.put(AppConfig.METRICS_ADDRESS, "127.0.0.1:0");
            s.put("streams." + StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
            s.put("streams." + StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
            AppConfig config = new AppConfig(s);
            try (VogStreamsApp app = VogStreamsApp.start(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
                app.awaitRunning(Duration.ofSeconds(60));
                assertEquals(200, get("http://127.0.0.1:" + app.metricsPort() + "/health").statusCode());
                StatsPublisher.publish(StatsJson.read(Digits.MODEL_DIR.resolve("stats.json")), config.clientProperties(),
                        config.classStatsTopic());
                try (KafkaProducer<String, String> p = TestProducers.strings(config.clientProperties())) {
                    p.send(new ProducerRecord<>(config.configTopic(), "*", "{\"z_threshold\": 3.0, \"tail\": \"both\"}")).get();
                }
                int promPort = Endpoints.freeLoopbackPort();
                Process prometheus = startPrometheus(app.metricsPort(), promPort);
                try {
                    String prom = "http://127.0.0.1:" + promPort;
                    await("target up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                            .until(() -> query(prom, "up{job=\"vog-stream\"}").contains("\"1\""));

                    String rule = expressions.get("rule: OoD alert rate of a class above its level");
                    send(config, 1000, false, 100);
                    awaitScraped(prom, 1000);
                    double clean = maxValue(query(prom, rule));
                    send(config, 1000, true, 100);
                    sendMalformed(config);
                    awaitScraped(prom, 2000);
                    double corrupted = maxValue(query(prom, rule));
                    System.out.printf("OoD class-rate rule: max %.4f on clean digits, %.4f after inverted digits (threshold 0.05)%n",
                            clean, corrupted);
                    assertTrue(clean < 0.05, "clean traffic must stay below the rule's threshold: " + clean);
                    assertTrue(corrupted > 0.05, "corrupted traffic must cross it: " + corrupted);

                    String scrape = get("http://127.0.0.1:" + app.metricsPort() + "/metrics").body();
                    List<String> missing = new ArrayList<>();
                    for (Map.Entry<String, String> e : expressions.entrySet()) {
                        for (String name : metricNames(e.getValue())) {
                            if (!scrape.contains(name)) {
                                missing.add(name + " (" + e.getKey() + ")");
                            }
                        }
                    }
                    assertEquals(List.of(), missing, "metrics named by dashboards or rules but absent from a real scrape");
                    // a subquery at 15 s steps (the lag rule's) has data once two of its steps are scraped
                    await("every expression returns data").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                            .untilAsserted(() -> assertEquals(List.of(), withoutData(prom, expressions),
                                    "expressions returning no data after traffic"));
                    System.out.println("rule conditions seen true: " + firing(prom, expressions));
                } finally {
                    prometheus.destroy();
                    prometheus.waitFor();
                }
            }
        }
    }

    /** Every PromQL expression of the dashboard and the alert rules, by where it is used. */
    static Map<String, String> expressions() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode dashboard = Json.MAPPER.readTree(ROOT.resolve("grafana/dashboards/vog-stream.json").toFile());
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.has("targets")) {
                for (JsonNode t : panel.get("targets")) {
                    out.put("panel: " + panel.get("title").asText() + " " + t.get("refId").asText(), t.get("expr").asText());
                }
            }
        }
        JsonNode alerts = new YAMLMapper().readTree(ROOT.resolve("grafana/provisioning/alerting/vog-alerts.yml").toFile());
        for (JsonNode group : alerts.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                for (JsonNode d : rule.get("data")) {
                    if (d.get("model").has("expr")) {
                        out.put("rule: " + rule.get("title").asText(), d.get("model").get("expr").asText());
                    }
                }
            }
        }
        return out;
    }

    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private void promtoolParses(Map<String, String> expressions) throws Exception {
        StringBuilder rules = new StringBuilder("groups:\n  - name: parse-check\n    rules:\n");
        int i = 0;
        for (String e : expressions.values()) {
            rules.append("      - record: check_").append(i++).append("\n        expr: '").append(e.replace("'", "''")).append("'\n");
        }
        Path file = dir.resolve("rules.yml");
        Files.writeString(file, rules);
        Process p = new ProcessBuilder("promtool", "check", "rules", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "promtool check rules: " + out);
        Process c = new ProcessBuilder("promtool", "check", "config", ROOT.resolve("prometheus/prometheus.yml").toString())
                .redirectErrorStream(true).start();
        String configOut = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, c.waitFor(), "promtool check config: " + configOut);
    }

    private Process startPrometheus(int metricsPort, int port) throws IOException {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: vog-stream\n"
                + "    static_configs:\n      - targets: [\"127.0.0.1:" + metricsPort + "\"]\n");
        return new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    }

    private Map<String, Boolean> firing(String prom, Map<String, String> expressions) throws Exception {
        Map<String, Double> thresholds = Map.of("rule: OoD alert rate of a class above its level", 0.05,
                "rule: Dead letters are being written", 0.0, "rule: Consumer lag growing", 0.0,
                "rule: Scoring latency p99 above 2 s", 2.0);
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> t : thresholds.entrySet()) {
            out.put(t.getKey(), maxValue(query(prom, expressions.get(t.getKey()))) > t.getValue());
        }
        out.put("rule: Detector not running", maxValue(query(prom, expressions.get("rule: Detector not running"))) < 1);
        return out;
    }

    private static double maxValue(String response) throws IOException {
        double max = Double.NEGATIVE_INFINITY;
        for (JsonNode r : Json.MAPPER.readTree(response).get("data").get("result")) {
            double v = Double.parseDouble(r.get("value").get(1).asText());
            if (!Double.isNaN(v)) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    private String query(String prom, String expr) {
        try {
            return get(prom + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)).body();
        } catch (Exception e) {
            return "";
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void send(AppConfig config, int count, boolean inverted, double perSecond) throws InterruptedException {
        try (KafkaProducer<String, byte[]> producer = TestProducers.bytes(config.clientProperties())) {
            for (int i = 0; i < count; i++) {
                float[] digit = Digits.pixels(i % Digits.count());
                if (inverted) {
                    for (int j = 0; j < digit.length; j++) {
                        digit[j] = 1 - digit[j];
                    }
                }
                String id = (inverted ? "inverted-" : "clean-") + i;
                producer.send(new ProducerRecord<>(config.inputTopic(), id, org.vogstream.core.data.InferenceEventCodec.encode(
                        Digits.event(id, "mnist", digit, System.currentTimeMillis()))));
                Thread.sleep((long) (1000 / perSecond));
            }
        }
    }

    /** The expressions (name: expression) for which Prometheus has no data yet. */
    private List<String> withoutData(String prom, Map<String, String> expressions) throws IOException {
        List<String> empty = new ArrayList<>();
        for (Map.Entry<String, String> e : expressions.entrySet()) {
            String result = query(prom, e.getValue());
            if (!result.contains("\"status\":\"success\"") || result.contains("\"result\":[]")) {
                empty.add(e.getKey() + ": " + e.getValue());
            }
        }
        return empty;
    }

    /** Waits until Prometheus has scraped a count of at least {@code events} scored or refused. */
    private void awaitScraped(String prom, int events) {
        await("Prometheus has scraped " + events + " events").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> maxValue(query(prom, "sum(vog_events_total)")) >= events);
    }

    private static void sendMalformed(AppConfig config) {
        try (KafkaProducer<String, byte[]> producer = TestProducers.bytes(config.clientProperties())) {
            producer.send(new ProducerRecord<>(config.inputTopic(), "bad", "{not json".getBytes(StandardCharsets.UTF_8)));
        }
    }

}

package org.vogstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.records.Json;
import org.vogstream.app.testing.Digits;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.detect.stats.CalibrationStats;
import org.vogstream.detect.stats.StatsJson;
import org.vogstream.testsupport.RecordSchemas;

/** The topology, end to end on the test driver, with the bundled LeNet model set and real digits. */
class VogTopologyTest extends TopologyTestBase {
    private static CalibrationStats stats;

    @BeforeAll
    static void load() throws Exception {
        stats = StatsJson.read(Digits.MODEL_DIR.resolve("stats.json"));
    }


    private static void sendDigits(TopologyHarness h, int from, int count) {
        for (int i = from; i < from + count; i++) {
            h.send(Digits.json("digit-" + i, "mnist", i, TopologyHarness.START.toEpochMilli()));
        }
    }

    @Test
    void shouldFlushWhenTheBufferReachesBatchSize() {
        TopologyHarness h = start(Map.of("batch.size", "4", "batch.max.wait.ms", "60000"));
        sendDigits(h, 0, 3);
        assertEquals(List.of(), h.scored());
        sendDigits(h, 3, 1);
        List<JsonNode> scored = h.scored();
        assertEquals(List.of("digit-0", "digit-1", "digit-2", "digit-3"),
                scored.stream().map(n -> n.get("event_id").asText()).toList());
        sendDigits(h, 4, 3);
        assertEquals(List.of(), h.scored());
    }

    @Test
    void shouldFlushWhenTheOldestEventHasWaitedLongEnough() {
        TopologyHarness h = start(Map.of("batch.size", "64", "batch.max.wait.ms", "200"));
        sendDigits(h, 0, 2);
        h.tick(Duration.ofMillis(100));
        assertEquals(List.of(), h.scored());
        h.tick(Duration.ofMillis(150));
        assertEquals(2, h.scored().size());
    }

    @Test
    void shouldScoreUncalibratedModelSetsWithoutZAndNeverAlert() {
        TopologyHarness h = start(Map.of("batch.size", "2"));
        h.threshold("*", "{\"z_threshold\": -1000}");
        sendDigits(h, 0, 2);
        List<JsonNode> scored = h.scored();
        assertEquals(2, scored.size());
        for (JsonNode n : scored) {
            assertEquals("uncalibrated", n.get("status").asText());
            assertFalse(n.has("vog_z"));
            assertFalse(n.get("ood").asBoolean());
            assertTrue(n.get("vog").asDouble() > 0);
        }
        assertEquals(List.of(), h.alerts());
        assertEquals(2, h.counter("vog.events", "outcome", "uncalibrated"));
    }

    @Test
    void shouldNormalizeWithClassStatisticsAndApplyTheDefaultThreshold() {
        TopologyHarness h = start(Map.of("batch.size", "8"));
        h.publishStats(stats);
        sendDigits(h, 0, 8);
        List<JsonNode> scored = h.scored();
        assertEquals(8, scored.size());
        for (JsonNode n : scored) {
            assertEquals("scored", n.get("status").asText());
            assertEquals(stats.modelSet(), n.get("model_set").asText());
            int cls = n.get("predicted_class").asInt();
            double expectedZ = stats.normalize(cls, n.get("vog").asDouble()).z();
            assertEquals(expectedZ, n.get("vog_z").asDouble(), 1e-9);
            // nothing configured: the fused detector at threshold.default.fpr = 0.01
            double bound = stats.forClass(cls).detector().orElseThrow().fused().quantile(0.99);
            assertEquals("fused", n.get("detector").asText());
            assertEquals(bound, n.get("threshold").get("value").asDouble(), 1e-12);
            assertEquals("default", n.get("threshold").get("scope").asText());
            assertEquals(n.get("ood_score").asDouble() > bound, n.get("ood").asBoolean());
        }
    }

    private static float[] uniformNoise(long seed) {
        float[] noise = new float[784];
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextFloat();
        }
        return noise;
    }

    private static void sendTen(TopologyHarness h, String prefix, float[] pixels) {
        for (int i = 0; i < 10; i++) {
            h.send(org.vogstream.core.data.InferenceEventCodec.encode(Digits.event(prefix + i, "mnist", pixels,
                    TopologyHarness.START.toEpochMilli())));
        }
    }

    @Test
    void shouldDecideWithTheApplicationsDetectorWhenAScopeNamesNone() {
        TopologyHarness h = start(Map.of("batch.size", "5", "detector", "vog_map"));
        h.publishStats(stats);
        h.threshold("*", "{\"target_fpr\": 0.2}");
        sendDigits(h, 0, 5);
        for (JsonNode n : h.scored()) {
            assertEquals("vog_map", n.get("detector").asText());
            double bound = stats.forClass(n.get("predicted_class").asInt()).detector().orElseThrow().mapScore().quantile(0.8);
            assertEquals(bound, n.get("threshold").get("value").asDouble(), 1e-12);
            assertEquals(n.get("vog_map_score").asDouble() > bound, n.get("ood").asBoolean());
        }
        h.threshold("*", "{\"target_fpr\": 0.01, \"tail\": \"lower\"}");
        sendDigits(h, 0, 5);
        assertTrue(h.scored().stream().allMatch(n -> n.get("detector").asText().equals("vog")),
                "a tail without a detector keeps meaning the scalar VoG");
    }

    @Test
    void shouldDeadLetterAnEventWhoseScoresOverflowTheModel() {
        TopologyHarness h = start(Map.of("batch.size", "2"));
        h.publishStats(stats);
        float[] huge = new float[784];
        java.util.Arrays.fill(huge, 3e38f);
        h.send(org.vogstream.core.data.InferenceEventCodec.encode(Digits.event("huge", "mnist", huge,
                TopologyHarness.START.toEpochMilli())));
        sendDigits(h, 0, 1);
        assertEquals(List.of("digit-0"), h.scored().stream().map(n -> n.get("event_id").asText()).toList());
        List<JsonNode> letters = h.deadLetters();
        assertEquals(1, letters.size());
        assertEquals("non_finite", letters.get(0).get("error_code").asText());
        assertEquals(VogTopology.BUFFER, letters.get(0).get("processor").asText());
    }

    @Test
    void shouldScoreTheEventBesideOneThatOverflowsTheModelAsIfAlone() {
        // second in its batch: its pooling windows without argmax used to point into the first's channels
        TopologyHarness h = start(Map.of("batch.size", "2"));
        h.publishStats(stats);
        sendDigits(h, 0, 2);
        double vog = h.scored().get(0).get("vog").asDouble();
        sendDigits(h, 0, 1);
        float[] huge = new float[784];
        java.util.Arrays.fill(huge, 3e38f);
        h.send(org.vogstream.core.data.InferenceEventCodec.encode(Digits.event("huge", "mnist", huge,
                TopologyHarness.START.toEpochMilli())));
        List<JsonNode> scored = h.scored();
        assertEquals(List.of("digit-0"), scored.stream().map(n -> n.get("event_id").asText()).toList());
        assertEquals(vog, scored.get(0).get("vog").asDouble(), 1e-6 * vog, "as in a batch of clean digits");
        assertEquals("non_finite", h.deadLetters().get(0).get("error_code").asText());
    }

    @Test
    void shouldSwitchTheDetectorLiveOnTheNextBatch() {
        TopologyHarness h = start(Map.of("batch.size", "10"));
        h.publishStats(stats);
        // noise: the scalar VoG misses it at any sane z, the fused score does not
        float[] noise = uniformNoise(7);
        h.threshold("*", "{\"detector\": \"vog\", \"z_threshold\": 50}");
        sendTen(h, "noise-a", noise);
        List<JsonNode> before = h.scored();
        assertEquals(10, before.size());
        assertTrue(before.stream().allMatch(n -> n.get("detector").asText().equals("vog") && !n.get("ood").asBoolean()));
        h.threshold("*", "{\"detector\": \"fused\", \"target_fpr\": 0.01}");
        sendTen(h, "noise-b", noise);
        List<JsonNode> after = h.scored();
        assertEquals(10, after.size());
        assertTrue(after.stream().allMatch(n -> n.get("detector").asText().equals("fused") && n.get("ood").asBoolean()),
                "uniform noise must alert under the fused detector");
        assertEquals(10, h.alerts().size());
    }

    @Test
    void shouldCarryTheHeatmapOnAlertsOnly() {
        TopologyHarness h = start(Map.of("batch.size", "10"));
        h.publishStats(stats);
        float[] noise = uniformNoise(11);
        h.threshold("*", "{\"detector\": \"fused\", \"target_fpr\": 0.01}");
        sendTen(h, "noise", noise);
        assertTrue(h.scored().stream().noneMatch(n -> n.has("heatmap")), "scored records stay small");
        List<JsonNode> alerts = h.alerts();
        assertEquals(10, alerts.size());
        for (JsonNode a : alerts) {
            JsonNode heatmap = a.get("heatmap");
            assertEquals("[28,28]", heatmap.get("shape").toString());
            assertEquals(784, heatmap.get("values").size());
            double max = 0;
            for (JsonNode v : heatmap.get("values")) {
                max = Math.max(max, v.asDouble());
            }
            JsonNode top = heatmap.get("top_cells").get(0);
            assertEquals(max, top.get("value").asDouble(), 1e-9, "the first top cell is the largest");
            assertEquals(top.get("value").asDouble(),
                    heatmap.get("values").get(top.get("row").asInt() * 28 + top.get("col").asInt()).asDouble(), 1e-9);
            assertTrue(a.toString().length() < 8 * 1024, "an alert with its 28x28 heatmap: " + a.toString().length() + " B");
        }
    }

    @Test
    void shouldLetTheMostSpecificScopeWinAndApplyChangesToTheNextBatch() {
        TopologyHarness h = start(Map.of("batch.size", "10"));
        h.publishStats(stats);
        h.threshold("*", "{\"z_threshold\": 1000}");
        sendDigits(h, 0, 10);
        assertEquals(List.of(), h.alerts());
        assertTrue(h.scored().stream().allMatch(n -> n.get("threshold").get("scope").asText().equals("*")));

        h.threshold("model=mnist", "{\"z_threshold\": -1000}");
        sendDigits(h, 0, 10);
        List<JsonNode> scored = h.scored();
        assertTrue(scored.stream().allMatch(n -> n.get("ood").asBoolean()), "model scope beats *");
        int quietClass = scored.get(0).get("predicted_class").asInt();
        assertEquals(10, h.alerts().size());

        h.threshold("model=mnist/class=" + quietClass, "{\"z_threshold\": 1000}");
        sendDigits(h, 0, 10);
        scored = h.scored();
        for (JsonNode n : scored) {
            boolean quiet = n.get("predicted_class").asInt() == quietClass;
            assertEquals(!quiet, n.get("ood").asBoolean(), n.toString());
            assertEquals(quiet ? "model=mnist/class=" + quietClass : "model=mnist", n.get("threshold").get("scope").asText());
        }
        Set<String> alerted = h.alerts().stream().map(n -> n.get("event_id").asText()).collect(Collectors.toSet());
        assertEquals(scored.stream().filter(n -> n.get("ood").asBoolean()).map(n -> n.get("event_id").asText())
                .collect(Collectors.toSet()), alerted);

        h.threshold("model=mnist", null);
        sendDigits(h, 0, 10);
        assertEquals(List.of(), h.alerts(), "tombstone removed the model override; * (1000) is back");
    }

    @Test
    void shouldTurnTargetFprIntoAZThresholdAndHonourEnabled() {
        TopologyHarness h = start(Map.of("batch.size", "5"));
        h.publishStats(stats);
        h.threshold("*", "{\"detector\": \"vog\", \"target_fpr\": 0.01}");
        sendDigits(h, 0, 5);
        for (JsonNode n : h.scored()) {
            var s = stats.forClass(n.get("predicted_class").asInt());
            assertEquals(s.zForFalsePositiveRate(0.01), n.get("threshold").get("value").asDouble(), 1e-9);
        }
        h.threshold("*", "{\"z_threshold\": 0.5, \"tail\": \"both\"}");
        sendDigits(h, 0, 5);
        for (JsonNode n : h.scored()) {
            double z = n.get("vog_z").asDouble();
            assertEquals(Math.abs(z) > 0.5, n.get("ood").asBoolean(), n.toString());
            assertEquals(-0.5, n.get("threshold").get("lower").asDouble());
            assertEquals("both", n.get("threshold").get("tail").asText());
        }
        h.alerts();
        h.threshold("*", "{\"z_threshold\": 0.0, \"tail\": \"lower\"}");
        sendDigits(h, 0, 5);
        for (JsonNode n : h.scored()) {
            assertEquals(n.get("vog_z").asDouble() < 0, n.get("ood").asBoolean(), n.toString());
        }
        h.alerts().forEach(a -> assertTrue(a.get("reason").asText().contains(" < "), a.toString()));
        h.threshold("*", "{\"z_threshold\": -1000, \"enabled\": false}");
        sendDigits(h, 0, 5);
        assertTrue(h.scored().stream().noneMatch(n -> n.get("ood").asBoolean()));
        assertEquals(List.of(), h.alerts());
    }

    @Test
    void shouldRejectAnInvalidThresholdAndKeepThePreviousOne() {
        TopologyHarness h = start(Map.of("batch.size", "3"));
        h.publishStats(stats);
        h.threshold("*", "{\"z_threshold\": -1000}");
        h.threshold("*", "{\"z_threshold\": \"high\"}");
        h.threshold("model=mnist", "{\"target_fpr\": 1.5}");
        h.threshold("everything", "{\"z_threshold\": 1}");
        List<JsonNode> letters = h.deadLetters();
        assertEquals(3, letters.size());
        assertTrue(letters.stream().allMatch(n -> n.get("error_code").asText().equals("invalid_config")));
        assertEquals("threshold '*': 'z_threshold' must be a number", letters.get(0).get("message").asText());
        assertTrue(letters.get(1).get("message").asText().contains("target_fpr must be in (0, 1)"));
        assertTrue(letters.get(2).get("message").asText().contains("is not *, model=NAME or model=NAME/class=C"));
        sendDigits(h, 0, 3);
        assertTrue(h.scored().stream().allMatch(n -> n.get("ood").asBoolean()), "the previous -1000 stays in force");
        assertEquals(3, h.counter("vog.config.updates", "result", "rejected"));
    }

    @Test
    void shouldSendEveryKindOfBadEventToTheDeadLetterTopicAndScoreTheRest() {
        TopologyHarness h = start(Map.of("batch.size", "2", "input.max.bytes", "8000"));
        long t = TopologyHarness.START.toEpochMilli();
        float[] nan = Digits.pixels(0);
        nan[100] = Float.NaN;
        ByteBuffer nanBytes = ByteBuffer.allocate(784 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : nan) {
            nanBytes.putFloat(v);
        }
        String nanEvent = "{\"event_id\":\"nan\",\"model\":\"mnist\",\"timestamp\":1,\"input\":{\"shape\":[1,28,28],"
                + "\"dtype\":\"float32\",\"data\":\"" + Base64.getEncoder().encodeToString(nanBytes.array()) + "\"}}";
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("malformed_json", "{\"event_id\": \"x\",");
        bad.putAll(Map.of(
                "schema_violation", "{\"event_id\":\"x\",\"model\":\"mnist\",\"input\":{\"shape\":[1],\"values\":[1]}}",
                "bad_tensor", "{\"event_id\":\"x\",\"model\":\"mnist\",\"timestamp\":1,\"input\":{\"shape\":[2,2],\"values\":[1,2,3]}}",
                "non_finite", nanEvent,
                "unknown_model", "{\"event_id\":\"x\",\"model\":\"cifar\",\"timestamp\":1,\"input\":{\"shape\":[1],\"values\":[1]}}",
                "shape_mismatch", "{\"event_id\":\"x\",\"model\":\"mnist\",\"timestamp\":1,\"input\":{\"shape\":[1,2,2],\"values\":[1,2,3,4]}}",
                "payload_too_large", "{\"event_id\":\"x\",\"model\":\"mnist\",\"timestamp\":1,\"input\":{\"shape\":[1],\"values\":[1]},"
                        + "\"attributes\":{\"padding\":\"" + "p".repeat(9000) + "\"}}"));
        h.send(Digits.json("good-0", "mnist", 0, t));
        bad.values().forEach(v -> h.send(v.getBytes(StandardCharsets.UTF_8)));
        h.send(null);
        h.send(Digits.json("good-1", "mnist", 1, t));
        List<JsonNode> letters = h.deadLetters();
        Map<String, Long> codes = letters.stream().collect(Collectors.groupingBy(n -> n.get("error_code").asText(),
                Collectors.counting()));
        for (String code : bad.keySet()) {
            assertEquals(code.equals("schema_violation") ? 2L : 1L, codes.get(code), code + " in " + codes);
        }
        JsonNode malformed = letters.stream().filter(n -> n.get("error_code").asText().equals("malformed_json"))
                .findFirst().orElseThrow();
        assertEquals("{\"event_id\": \"x\",", new String(Base64.getDecoder().decode(malformed.get("raw").asText()),
                StandardCharsets.UTF_8));
        assertEquals("inference-events", malformed.get("source").get("topic").asText());
        assertEquals(1, malformed.get("source").get("offset").asLong());
        assertEquals(List.of("good-0", "good-1"), h.scored().stream().map(n -> n.get("event_id").asText()).toList());
        assertEquals(8, h.counter("vog.events", "outcome", "dead_letter"));
    }

    @Test
    void shouldDeadLetterScoringFailuresWithoutLosingTheOtherModelsEvents(@TempDir Path otherDir) throws Exception {
        try (ModelRegistry two = ModelRegistry.load(Map.of("mnist", Digits.MODEL_DIR, "broken", Digits.MODEL_DIR),
                ScorerConfig.defaults())) {
            two.scorer("broken").orElseThrow().close();
            harness = new TopologyHarness(two, otherDir, Map.of("batch.size", "4", "vog.models.broken.dir",
                    "../models/mnist-lenet"));
            long t = TopologyHarness.START.toEpochMilli();
            harness.send(Digits.json("a", "mnist", 0, t));
            harness.send(Digits.json("b", "broken", 1, t));
            harness.send(Digits.json("c", "mnist", 2, t));
            harness.send(Digits.json("d", "broken", 3, t));
            assertEquals(List.of("a", "c"), harness.scored().stream().map(n -> n.get("event_id").asText()).toList());
            List<JsonNode> letters = harness.deadLetters();
            assertEquals(2, letters.size());
            assertTrue(letters.stream().allMatch(n -> n.get("error_code").asText().equals("scoring_failed")));
            assertEquals("buffer-and-score", letters.get(0).get("processor").asText());
            harness.close();
            harness = null;
        }
    }

    @Test
    void shouldIgnoreMalformedStatisticsKeysAndTombstonesWithoutStopping() {
        // a tombstone whose key has no '/' used to throw on the global thread (found in review)
        TopologyHarness h = start(Map.of("batch.size", "2"));
        h.classStats.pipeInput("foo", null);
        h.classStats.pipeInput("nonsense/3", "{}".getBytes(StandardCharsets.UTF_8));
        h.publishStats(stats);
        h.classStats.pipeInput(stats.modelSet() + "/2", null);
        sendDigits(h, 0, 2);
        assertEquals(2, h.scored().size());
        assertEquals(2, h.counter("vog.class.stats.updates", "result", "rejected"));
    }

    @Test
    void shouldKeepDeadLettersOfHugePayloadsUnderTheRecordSizeLimit() {
        // a dead letter used to carry the whole payload, base64 (4/3 larger), past max.request.size (found in review)
        TopologyHarness h = start(Map.of("batch.size", "2", "input.max.bytes", "1000"));
        byte[] huge = ("{\"event_id\":\"x\",\"model\":\"mnist\",\"timestamp\":1,\"input\":{\"shape\":[1],\"values\":[1]},"
                + "\"attributes\":{\"padding\":\"" + "p".repeat(200_000) + "\"}}").getBytes(StandardCharsets.UTF_8);
        h.send(huge);
        JsonNode letter = h.deadLetters().get(0);
        assertEquals("payload_too_large", letter.get("error_code").asText());
        assertEquals(huge.length, letter.get("raw_size").asInt());
        assertEquals(64 * 1024, Base64.getDecoder().decode(letter.get("raw").asText()).length);
        assertEquals(64, letter.get("raw_sha256").asText().length());
    }

    @Test
    void shouldWriteAlertsThatMatchTheirSchema() throws Exception {
        TopologyHarness h = start(Map.of("batch.size", "3"));
        h.publishStats(stats);
        h.threshold("*", "{\"z_threshold\": -1000}");
        sendDigits(h, 0, 3);
        List<JsonNode> alerts = h.alerts();
        assertEquals(3, alerts.size());
        assertTrue(alerts.get(0).get("reason").asText().startsWith("vog_z "));
        RecordSchemas.assertValid("config-value", Json.MAPPER.readTree("{\"target_fpr\": 0.001, \"enabled\": true}"));
        RecordSchemas.assertValid("config-value", Json.MAPPER.readTree("{\"detector\": \"vog\", \"z_threshold\": 3, \"tail\": \"both\"}"));
        assertFalse(RecordSchemas.errors("config-value", Json.MAPPER.readTree("{\"detector\": \"fused\", \"z_threshold\": 3}"))
                .isEmpty(), "z_threshold belongs to the vog detector");
        assertFalse(RecordSchemas.errors("config-value", Json.MAPPER.readTree("{\"z_threshold\": 1, \"target_fpr\": 0.1}"))
                .isEmpty());
        RecordSchemas.assertValid("inference-event", Json.MAPPER.readTree(Digits.json("e", "mnist", 0, 5L)));
    }
}

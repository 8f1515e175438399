package org.vogstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.testing.Digits;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.detect.stats.StatsJson;

/** {@link ConfigValidator} on the real topology: what reaches the threshold store, and what is dead-lettered. */
class ConfigValidatorTest extends TopologyTestBase {
    private static final String APP_ID = "config-test-app";

    private TopologyHarness start() {
        harness = new TopologyHarness(models, stateDir, Map.of("batch.size", "1", "application.id", APP_ID));
        return harness;
    }

    private static String stored(TopologyHarness h, String scope) {
        byte[] v = h.thresholdStore().get(scope);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    @Test
    void shouldDeadLetterAnInvalidSettingWhenValidatingAndKeepThePreviousOne() {
        TopologyHarness h = start();
        h.threshold("model=mnist", "{\"z_threshold\": 2.5}");
        h.validatedConfig();
        String[][] invalid = {
            {"model=mnist", "{\"z_threshold\": \"high\"}", "'z_threshold' must be a number"},
            {"model=mnist", "{\"z_threshold\": 1, \"target_fpr\": 0.1}", "give exactly one of z_threshold and target_fpr"},
            {"model=mnist", "{\"z_threshold\": 1, \"colour\": \"red\"}", "unknown field 'colour'"},
            {"model=mnist", "{\"z_threshold\": 1, \"tail\": \"middle\"}", "tail 'middle' is not one of upper, lower, both"},
            {"model=mnist", "not json", "not JSON"},
            {"model=", "{\"z_threshold\": 1}", "is not *, model=NAME or model=NAME/class=C"},
        };
        for (String[] c : invalid) {
            h.threshold(c[0], c[1]);
        }
        List<JsonNode> letters = h.deadLetters();
        assertEquals(invalid.length, letters.size(), letters.toString());
        for (int i = 0; i < invalid.length; i++) {
            JsonNode letter = letters.get(i);
            assertEquals("invalid_config", letter.get("error_code").asText());
            assertEquals(VogTopology.CONFIG_VALIDATE, letter.get("processor").asText());
            assertEquals("config-validate", letter.get("processor").asText());
            assertEquals(APP_ID, letter.get("application_id").asText());
            assertEquals(h.config.configTopic(), letter.get("source").get("topic").asText());
            assertEquals(i + 1, letter.get("source").get("offset").asLong(), "after the one valid setting");
            assertEquals(invalid[i][0], letter.get("source").get("key").asText());
            assertTrue(letter.get("message").asText().startsWith("threshold '" + invalid[i][0] + "': "), letter.toString());
            assertTrue(letter.get("message").asText().contains(invalid[i][2]), letter.toString());
            assertEquals(invalid[i][1], new String(Base64.getDecoder().decode(letter.get("raw").asText()),
                    StandardCharsets.UTF_8));
        }
        assertEquals(List.of(), h.validatedConfig(), "nothing invalid reaches the validated topic");
        assertEquals("{\"z_threshold\": 2.5}", stored(h, "model=mnist"), "the previous value stays in force");
        assertEquals(invalid.length, h.counter("vog.config.updates", "result", "rejected"));
    }

    @Test
    void shouldApplyAValidSettingToTheNextEventWhenValidated() throws Exception {
        TopologyHarness h = start();
        h.publishStats(StatsJson.read(Digits.MODEL_DIR.resolve("stats.json")));
        h.threshold("model=mnist", "{\"z_threshold\": -1000, \"tail\": \"upper\", \"enabled\": true}");
        assertEquals(List.of(), h.deadLetters());
        List<TestRecord<String, byte[]>> validated = h.validatedConfig();
        assertEquals(1, validated.size());
        assertEquals("model=mnist", validated.get(0).key());
        assertEquals("{\"z_threshold\": -1000, \"tail\": \"upper\", \"enabled\": true}",
                new String(validated.get(0).value(), StandardCharsets.UTF_8), "forwarded as sent");
        assertEquals("{\"z_threshold\": -1000, \"tail\": \"upper\", \"enabled\": true}", stored(h, "model=mnist"));

        h.send(Digits.json("e", "mnist", 0, TopologyHarness.START.toEpochMilli()));
        JsonNode scored = h.scored().get(0);
        assertEquals("model=mnist", scored.get("threshold").get("scope").asText());
        assertEquals(-1000.0, scored.get("threshold").get("value").asDouble());
        assertTrue(scored.get("ood").asBoolean());
        assertEquals(1, h.counter("vog.config.updates", "result", "accepted"));
    }

    @Test
    void shouldRemoveTheSettingWhenATombstoneArrives() throws Exception {
        TopologyHarness h = start();
        h.publishStats(StatsJson.read(Digits.MODEL_DIR.resolve("stats.json")));
        h.threshold("*", "{\"z_threshold\": -1000}");
        h.threshold("*", null);
        assertEquals(List.of(), h.deadLetters(), "a tombstone is valid");
        List<TestRecord<String, byte[]>> validated = h.validatedConfig();
        assertEquals(2, validated.size());
        assertNull(validated.get(1).value(), "the tombstone goes on as a tombstone");
        assertNull(stored(h, "*"));

        h.send(Digits.json("e", "mnist", 0, TopologyHarness.START.toEpochMilli()));
        JsonNode scored = h.scored().get(0);
        assertEquals("default", scored.get("threshold").get("scope").asText());
        assertEquals("fused", scored.get("detector").asText(), "the default detector decides again");
    }

    @Test
    void shouldDeadLetterATombstoneWhenItsKeyIsNotAScope() {
        TopologyHarness h = start();
        h.threshold("everything", null);
        List<JsonNode> letters = h.deadLetters();
        assertEquals(1, letters.size());
        assertEquals("invalid_config", letters.get(0).get("error_code").asText());
        assertEquals("", letters.get(0).get("raw").asText());
        assertEquals(List.of(), h.validatedConfig());
    }
}

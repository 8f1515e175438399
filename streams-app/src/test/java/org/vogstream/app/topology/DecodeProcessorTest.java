package org.vogstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.testing.Digits;
import org.vogstream.core.score.ScorerConfig;

/** {@link DecodeProcessor} on the real topology: every way an event is refused, and the one way it passes. */
class DecodeProcessorTest extends TopologyTestBase {
    private static final String APP_ID = "decode-test-app";
    private static final int MAX_BYTES = 8000;

    private TopologyHarness start() {
        harness = new TopologyHarness(models, stateDir, Map.of("batch.size", "1", "input.max.bytes",
                Integer.toString(MAX_BYTES), "application.id", APP_ID));
        return harness;
    }

    static Stream<Arguments> rejected() {
        float[] nan = Digits.pixels(0);
        nan[100] = Float.NaN;
        ByteBuffer nanBytes = ByteBuffer.allocate(784 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : nan) {
            nanBytes.putFloat(v);
        }
        return Stream.of(
                Arguments.of("schema_violation", null, null),
                Arguments.of("schema_violation",
                        "{\"event_id\":\"x\",\"model\":\"mnist\",\"input\":{\"shape\":[1],\"values\":[1]}}", null),
                Arguments.of("payload_too_large", "{\"event_id\":\"x\",\"model\":\"mnist\",\"timestamp\":1,"
                        + "\"input\":{\"shape\":[1],\"values\":[1]},\"attributes\":{\"padding\":\""
                        + "p".repeat(MAX_BYTES + 1) + "\"}}", null),
                Arguments.of("malformed_json", "{\"event_id\": \"x\",", null),
                Arguments.of("bad_tensor", "{\"event_id\":\"x\",\"model\":\"mnist\",\"timestamp\":1,"
                        + "\"input\":{\"shape\":[2,2],\"values\":[1,2,3]}}", null),
                Arguments.of("non_finite", "{\"event_id\":\"nan\",\"model\":\"mnist\",\"timestamp\":1,\"input\":"
                        + "{\"shape\":[1,28,28],\"dtype\":\"float32\",\"data\":\""
                        + Base64.getEncoder().encodeToString(nanBytes.array()) + "\"}}", null),
                Arguments.of("unknown_model", "{\"event_id\":\"x\",\"model\":\"cifar\",\"timestamp\":1,"
                        + "\"input\":{\"shape\":[1],\"values\":[1]}}", "cifar"),
                Arguments.of("shape_mismatch", "{\"event_id\":\"x\",\"model\":\"mnist\",\"timestamp\":1,"
                        + "\"input\":{\"shape\":[1,2,2],\"values\":[1,2,3,4]}}", "mnist"),
                Arguments.of("schema_violation", "{\"event_id\":\"x\",\"model\":\"mnist\",\"timestamp\":1,"
                        + "\"input\":{\"shape\":[1],\"dtype\":\"bfloat16\",\"data\":\"AAA=\"}}", null),
                Arguments.of("bad_tensor", "{\"event_id\":\"x\",\"model\":\"mnist\",\"timestamp\":1,"
                        + "\"input\":{\"shape\":[1,28,28],\"dtype\":\"uint8\",\"data\":\"AAAA\"}}", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void shouldTurnEachRefusedEventIntoExactlyOneDeadLetterWhenDecodingFails(String code, String value, String model) {
        TopologyHarness h = start();
        h.send("first", Digits.json("good-0", "mnist", 0, TopologyHarness.START.toEpochMilli()));
        byte[] raw = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        h.send("key-" + code, raw);

        List<JsonNode> letters = h.deadLetters();
        assertEquals(1, letters.size(), letters.toString());
        JsonNode letter = letters.get(0);
        assertEquals(code, letter.get("error_code").asText());
        assertEquals("decode", letter.get("processor").asText());
        assertEquals(APP_ID, letter.get("application_id").asText());
        assertEquals(h.config.inputTopic(), letter.get("source").get("topic").asText());
        assertEquals(0, letter.get("source").get("partition").asInt());
        assertEquals(1, letter.get("source").get("offset").asLong(), "the second record on the topic");
        assertEquals("key-" + code, letter.get("source").get("key").asText());
        assertFalse(letter.get("message").asText().isBlank());
        byte[] kept = Base64.getDecoder().decode(letter.get("raw").asText());
        assertEquals(raw == null ? 0 : raw.length, kept.length);
        if (raw != null) {
            assertEquals(value, new String(kept, StandardCharsets.UTF_8));
        }
        if (model != null) {
            assertEquals(model, letter.get("model").asText());
        }
        assertEquals(List.of("good-0"), h.scored().stream().map(n -> n.get("event_id").asText()).toList(),
                "the valid event before it was scored, nothing else");
        assertEquals(1, h.counter("vog.events", "outcome", "dead_letter"));
    }

    @Test
    void shouldKeepTheDecodersCauseWhenJsonIsMalformed() {
        TopologyHarness h = start();
        h.send("k", "{\"event_id\": \"x\",".getBytes(StandardCharsets.UTF_8));
        JsonNode letter = h.deadLetters().get(0);
        assertEquals("malformed_json", letter.get("error_code").asText());
        assertTrue(letter.has("exception"), letter.toString());
        String cls = letter.get("exception").get("class").asText();
        assertTrue(cls.startsWith("com.fasterxml.jackson"), "the JSON parser's own exception: " + cls);
        assertTrue(letter.get("exception").get("stack").asText().contains(cls));
    }

    @Test
    void shouldLeaveOutTheExceptionWhenAPlainValidationRefusesTheEvent() {
        TopologyHarness h = start();
        h.send("k", ("{\"event_id\":\"x\",\"model\":\"cifar\",\"timestamp\":1,\"input\":{\"shape\":[1],\"values\":[1]}}")
                .getBytes(StandardCharsets.UTF_8));
        JsonNode letter = h.deadLetters().get(0);
        assertEquals("unknown_model", letter.get("error_code").asText());
        assertFalse(letter.has("exception"), letter.toString());
        assertTrue(letter.get("message").asText().contains("[mnist]"), "names the known models: " + letter);
    }

    @Test
    void shouldPassAValidEventOnToScoringWhenItDecodes() {
        TopologyHarness h = start();
        h.send("digit-3", Digits.json("digit-3", "mnist", 3, TopologyHarness.START.toEpochMilli()));
        h.send(null, Digits.json("no-key", "mnist", 4, TopologyHarness.START.toEpochMilli()));
        assertEquals(List.of(), h.deadLetters());
        List<JsonNode> scored = h.scored();
        assertEquals(List.of("digit-3", "no-key"), scored.stream().map(n -> n.get("event_id").asText()).toList());
        assertEquals("mnist", scored.get(0).get("model").asText());
    }
}

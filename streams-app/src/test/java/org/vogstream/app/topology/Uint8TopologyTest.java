package org.vogstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.testing.Digits;
import org.vogstream.core.data.InferenceEventCodec;
import org.vogstream.core.data.TensorDtype;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.score.InputScaling;
import org.vogstream.core.score.ScorerConfig;

/** uint8 events on the real topology: scaled by the model set's input.json, or refused without one. */
class Uint8TopologyTest extends TopologyTestBase {
    private static final List<String> SCORES = List.of("predicted_class", "confidence", "max_logit", "energy", "vog");

    private static byte[] uint8Event(String id, String model, int digit) {
        return InferenceEventCodec.encode(Digits.event(id, model, Digits.bytes(digit), TopologyHarness.START.toEpochMilli(),
                TensorDtype.UINT8));
    }

    @Test
    void shouldScoreAUint8EventAsTheFloat32EventOfItsScaledValues() {
        TopologyHarness h = start(Map.of("batch.size", "4"));
        for (int digit = 0; digit < 4; digit++) {
            h.send(Digits.json("float-" + digit, "mnist", digit, TopologyHarness.START.toEpochMilli()));
            h.send(uint8Event("uint8-" + digit, "mnist", digit));
        }
        assertEquals(List.of(), h.deadLetters());
        List<JsonNode> scored = h.scored();
        assertEquals(8, scored.size());
        for (int i = 0; i < scored.size(); i += 2) {
            assertEquals("uint8-" + i / 2, scored.get(i + 1).get("event_id").asText());
            for (String field : SCORES) {
                assertEquals(scored.get(i).get(field), scored.get(i + 1).get(field), field + " of digit " + i / 2);
            }
        }
    }

    @Test
    void shouldDeadLetterAUint8EventForAModelSetWithoutInputJson() throws IOException {
        Path bare = copyOfCheckpoints("bare");
        try (ModelRegistry registry = ModelRegistry.load(Map.of("mnist", bare), ScorerConfig.defaults())) {
            harness = new TopologyHarness(registry, stateDir, Map.of("batch.size", "1"));
            harness.send(uint8Event("u-1", "mnist", 1));
            harness.send(Digits.json("f-1", "mnist", 1, TopologyHarness.START.toEpochMilli()));
            JsonNode letter = harness.deadLetters().get(0);
            assertEquals("dtype_unsupported", letter.get("error_code").asText());
            assertEquals("mnist", letter.get("model").asText());
            assertEquals("event 'u-1' for model 'mnist': dtype uint8 needs the model set's uint8 scaling, and "
                    + bare.toAbsolutePath().resolve(InputScaling.FILE) + " declares none (add {\"uint8\": {\"scale\": ...,"
                    + " \"offset\": ...}})", letter.get("message").asText());
            assertEquals(List.of("f-1"), harness.scored().stream().map(n -> n.get("event_id").asText()).toList(),
                    "the app keeps scoring");
            harness.close();
            harness = null;
        }
    }

    @Test
    void shouldRefuseAModelSetWhoseInputJsonIsMalformedInOneLineNamingIt() throws IOException {
        Path dir = copyOfCheckpoints("malformed");
        Path file = dir.resolve(InputScaling.FILE);
        Files.writeString(file, "{\"uint8\": {\"scale\": [0.1, 0.2]}}");
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> ModelRegistry.load(Map.of("mnist", dir), ScorerConfig.defaults()));
        assertEquals(file.toAbsolutePath() + ": 'uint8.scale' has 2 entries; the model's input [N, 1, 28, 28] has 1 channel"
                + " (axis 1)", e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    private Path copyOfCheckpoints(String name) throws IOException {
        Path dir = Files.createDirectories(stateDir.resolve(name));
        for (String ck : List.of("ck-005.onnx", "ck-010.onnx", "ck-015.onnx")) {
            Files.copy(Digits.MODEL_DIR.resolve(ck), dir.resolve(ck));
        }
        return dir;
    }
}

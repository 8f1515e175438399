package org.vogstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vogstream.app.testing.MalformedEvents;
import org.vogstream.app.testing.MalformedEvents.Malformed;

/**
 * The fault suite's fuzz corpus through the real topology: every input, of every kind, one dead
 * letter with the kind's {@code error_code}, nothing scored. (The suite then runs it against a
 * broker process; here a wrong expectation shows in seconds.)
 */
class MalformedEventsTest extends TopologyTestBase {
    @Test
    void shouldDeadLetterEveryInputOfTheCorpusOnceWithItsKindsErrorCode() {
        List<Malformed> corpus = MalformedEvents.corpus("bad", 12, 2, 7);
        start(Map.of());
        corpus.forEach(m -> harness.send(m.key(), m.value()));
        harness.tick(java.time.Duration.ofSeconds(5));

        assertEquals(List.of(), harness.scored());
        Map<String, JsonNode> letters = harness.deadLetters().stream()
                .collect(Collectors.toMap(d -> d.get("source").get("key").asText(), Function.identity()));
        assertEquals(corpus.size(), letters.size());
        Map<String, String> wrong = new TreeMap<>();
        for (Malformed m : corpus) {
            String code = letters.get(m.key()).get("error_code").asText();
            if (!code.equals(m.expected().json())) {
                wrong.put(m.kind() + " " + m.key(), code + ": " + letters.get(m.key()).get("message").asText());
            }
        }
        assertEquals(Map.of(), wrong);
    }
}

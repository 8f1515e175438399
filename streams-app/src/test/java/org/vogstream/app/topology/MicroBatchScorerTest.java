package org.vogstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.records.SourcePosition;
import org.vogstream.app.testing.Digits;
import org.vogstream.core.score.ScorerConfig;

/** {@link MicroBatchScorer} on the real topology: when it flushes, and what it makes of buffer records it cannot read. */
class MicroBatchScorerTest extends TopologyTestBase {
    private static final long T = TopologyHarness.START.toEpochMilli();

    private TopologyHarness start(int batchSize, long maxWaitMs) {
        harness = new TopologyHarness(models, stateDir, Map.of("batch.size", Integer.toString(batchSize),
                "batch.max.wait.ms", Long.toString(maxWaitMs)));
        return harness;
    }

    private static List<String> ids(List<JsonNode> scored) {
        return scored.stream().map(n -> n.get("event_id").asText()).toList();
    }

    private static long stored(KeyValueStore<Bytes, byte[]> buffer) {
        long n = 0;
        try (KeyValueIterator<Bytes, byte[]> it = buffer.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    @Test
    void shouldFlushWhenTheBufferHoldsBatchSizeEvents() {
        TopologyHarness h = start(3, 600_000);
        h.send(Digits.json("a", "mnist", 0, T));
        h.send(Digits.json("b", "mnist", 1, T));
        assertEquals(List.of(), h.scored());
        assertEquals(2, stored(h.buffer()), "waiting events are in the store, not only in memory");
        h.send(Digits.json("c", "mnist", 2, T));
        assertEquals(List.of("a", "b", "c"), ids(h.scored()));
        assertEquals(0, stored(h.buffer()), "a flushed batch leaves the store");
        h.tick(Duration.ofMinutes(5));
        assertEquals(List.of(), h.scored(), "nothing is scored twice");
    }

    @Test
    void shouldFlushWhenTheOldestEventHasWaitedTheMaximumWallClockTime() {
        TopologyHarness h = start(64, 1_000);
        h.send(Digits.json("a", "mnist", 0, T));
        h.tick(Duration.ofMillis(600));
        h.send(Digits.json("b", "mnist", 1, T));
        h.tick(Duration.ofMillis(300));
        assertEquals(List.of(), h.scored(), "the oldest has waited 900 ms of 1000");
        h.tick(Duration.ofMillis(300));
        assertEquals(List.of("a", "b"), ids(h.scored()), "due by the oldest: the younger goes with it");
        h.tick(Duration.ofSeconds(5));
        assertEquals(List.of(), h.scored());
    }

    @Test
    void shouldDeadLetterABufferRecordOfAnUnknownFormatOnceAndScoreTheOtherEventsWhenFlushing() {
        TopologyHarness h = start(64, 200);
        byte[] unknown = {7, 0, 0, 0, 3, 'a', 'b', 'c', 1, 2, 3};
        Bytes key = Bytes.wrap(ByteBuffer.allocate(12).putInt(0).putLong(900).array());
        h.buffer().put(key, unknown);
        h.send(Digits.json("a", "mnist", 0, T));
        h.send(Digits.json("b", "mnist", 1, T));
        h.tick(Duration.ofMillis(250));

        assertEquals(List.of("a", "b"), ids(h.scored()));
        List<JsonNode> letters = h.deadLetters();
        assertEquals(1, letters.size(), letters.toString());
        JsonNode letter = letters.get(0);
        assertEquals("buffer_format", letter.get("error_code").asText());
        assertEquals(VogTopology.BUFFER, letter.get("processor").asText());
        assertArrayEquals(unknown, Base64.getDecoder().decode(letter.get("raw").asText()), "the stored bytes, as stored");
        assertTrue(letter.get("message").asText().contains("version 7"), letter.toString());
        assertEquals(900, letter.get("source").get("offset").asLong(), "the position its store key names");
        assertEquals(0, stored(h.buffer()), "the unreadable record is gone, so it cannot come back");

        h.tick(Duration.ofMillis(250));
        h.tick(Duration.ofMillis(250));
        assertEquals(List.of(), h.deadLetters(), "no repeat on later punctuations");
        h.send(Digits.json("c", "mnist", 2, T));
        h.tick(Duration.ofMillis(250));
        assertEquals(List.of("c"), ids(h.scored()));
        assertEquals(List.of(), h.deadLetters(), "nor on the next flush");
    }

    @Test
    void shouldScoreALegacyBufferRecordWithoutAVersionByteWhenFlushing() {
        TopologyHarness h = start(64, 200);
        byte[] raw = Digits.json("legacy", "mnist", 5, T);
        byte[] topic = "inference-events".getBytes(StandardCharsets.UTF_8);
        byte[] legacy = ByteBuffer.allocate(4 + topic.length + 4 + 8 + 8 + raw.length).putInt(topic.length).put(topic)
                .putInt(0).putLong(900).putLong(T).put(raw).array();
        Bytes key = new BufferedEvent(raw, new SourcePosition("inference-events", 0, 900, null), T).key();
        h.buffer().put(key, legacy);
        h.send(Digits.json("fresh", "mnist", 6, T));
        h.tick(Duration.ofMillis(250));

        List<JsonNode> scored = h.scored();
        assertEquals(List.of(), h.deadLetters());
        assertEquals(List.of("fresh", "legacy"), ids(scored), "in store-key order: offset 0, then offset 900");
        assertEquals("mnist", scored.get(1).get("model").asText());
        assertEquals(0, stored(h.buffer()));
        h.tick(Duration.ofMillis(250));
        assertEquals(List.of(), h.scored());
    }
}

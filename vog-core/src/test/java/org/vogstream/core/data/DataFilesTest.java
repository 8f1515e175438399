package org.vogstream.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.data.InvalidEventException.Code;

class DataFilesTest {
    @TempDir
    Path dir;

    private static InvalidEventException refused(String json) {
        return assertThrows(InvalidEventException.class, () -> InferenceEventCodec.decode(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldRoundTripAnEventWithABase64Tensor() throws Exception {
        InferenceEvent e = new InferenceEvent("e-1", "mnist", 1_700_000_000_000L, new long[] {1, 2, 2},
                new float[] {0f, 0.5f, -1.25f, 3e-8f}, OptionalInt.of(7), "svc-a", Map.of("tenant", "x"));
        InferenceEvent back = InferenceEventCodec.decode(InferenceEventCodec.encode(e));
        assertEquals(e.eventId(), back.eventId());
        assertArrayEquals(e.shape(), back.shape());
        assertArrayEquals(e.values(), back.values());
        assertEquals(OptionalInt.of(7), back.label());
        assertEquals(Map.of("tenant", "x"), back.attributes());
        assertEquals(1_700_000_000_000L, back.timestampMillis());
    }

    @Test
    void shouldAcceptPlainValueArraysAndIsoTimestamps() throws Exception {
        InferenceEvent e = InferenceEventCodec.decode(("{\"event_id\":\"a\",\"model\":\"m\",\"timestamp\":\"2026-11-28T12:00:00Z\","
                + "\"input\":{\"shape\":[3],\"values\":[1,2.5,-3]}}").getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new float[] {1f, 2.5f, -3f}, e.values());
        assertEquals(java.time.Instant.parse("2026-11-28T12:00:00Z").toEpochMilli(), e.timestampMillis());
    }

    @Test
    void shouldRefuseBadEventsWithACodeAndAReason() {
        assertEquals(Code.MALFORMED_JSON, refused("{\"event_id\": ").code());
        InvalidEventException noModel = refused("{\"event_id\":\"a\",\"timestamp\":1,\"input\":{\"shape\":[1],\"values\":[1]}}");
        assertEquals(Code.SCHEMA_VIOLATION, noModel.code());
        assertEquals("missing or empty string field 'model'", noModel.getMessage());
        InvalidEventException count = refused("{\"event_id\":\"a\",\"model\":\"m\",\"timestamp\":1,\"input\":{\"shape\":[2,2],\"values\":[1,2,3]}}");
        assertEquals(Code.BAD_TENSOR, count.code());
        assertEquals("'input.values' has 3 elements; shape [2, 2] needs 4", count.getMessage());
        InvalidEventException bytes = refused("{\"event_id\":\"a\",\"model\":\"m\",\"timestamp\":1,\"input\":{\"shape\":[2],\"dtype\":\"float32\",\"data\":\"AAAAAA==\"}}");
        assertEquals("'input.data' holds 4 bytes; shape [2] needs 8 (float32)", bytes.getMessage());
        // 0x7fc00000 little-endian = NaN
        InvalidEventException nan = refused("{\"event_id\":\"a\",\"model\":\"m\",\"timestamp\":1,\"input\":{\"shape\":[1],\"dtype\":\"float32\",\"data\":\"AADAfw==\"}}");
        assertEquals(Code.NON_FINITE, nan.code());
        assertEquals("input element 0 is NaN", nan.getMessage());
        assertEquals(Code.SCHEMA_VIOLATION, refused("[1,2]").code());
        // overflows in the shape product and the timestamp are refusals, not crashes (found in review)
        assertEquals(Code.BAD_TENSOR, refused("{\"event_id\":\"a\",\"model\":\"m\",\"timestamp\":1,"
                + "\"input\":{\"shape\":[4294967296,4294967296],\"values\":[1]}}").code());
        assertEquals(Code.SCHEMA_VIOLATION, refused("{\"event_id\":\"a\",\"model\":\"m\","
                + "\"timestamp\":\"+300000000-01-01T00:00:00Z\",\"input\":{\"shape\":[1],\"values\":[1]}}").code());
        assertEquals(Code.SCHEMA_VIOLATION, refused("{\"event_id\":\"a\",\"model\":\"m\",\"timestamp\":\"yesterday\",\"input\":{\"shape\":[1],\"values\":[1]}}").code());
    }

    @Test
    void shouldReadNpyArraysWithLabels() throws Exception {
        Path x = dir.resolve("x.npy");
        Path y = dir.resolve("y.npy");
        NpyArray.writeFloats(x, new long[] {3, 1, 2}, new float[] {1, 2, 3, 4, 5, 6});
        NpyArray.writeLongs(y, new long[] {3}, new long[] {4, 5, 6});
        List<Example> examples = ExampleFiles.read(x, y);
        assertEquals(3, examples.size());
        assertArrayEquals(new long[] {1, 2}, examples.get(2).shape());
        assertArrayEquals(new float[] {5, 6}, examples.get(2).values());
        assertEquals(OptionalInt.of(6), examples.get(2).label());
        NpyArray.writeLongs(y, new long[] {2}, new long[] {1, 2});
        IOException e = assertThrows(IOException.class, () -> ExampleFiles.read(x, y));
        assertTrue(e.getMessage().endsWith("expected 3 integer labels [N], found shape [2]"), e.getMessage());
    }

    @Test
    void shouldNameTheLineOfABadJsonlEvent() throws Exception {
        Path f = dir.resolve("events.jsonl");
        Files.writeString(f, "{\"event_id\":\"a\",\"model\":\"m\",\"timestamp\":1,\"input\":{\"shape\":[1],\"values\":[1]}}\n\nnot json\n");
        IOException e = assertThrows(IOException.class, () -> ExampleFiles.read(f, null));
        assertTrue(e.getMessage().startsWith(f + ":3: malformed_json: "), e.getMessage());
    }
}

package org.vogstream.detect.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.detect.calibrate.CalibrationBuilder;
import org.vogstream.detect.reference.QuantileGrid;
import org.vogstream.detect.testing.Samples;

class StatsTest {
    private static final String SET = "0123456789ab";

    @TempDir
    Path dir;

    @Test
    void shouldFlagTheTargetFalsePositiveRateOfTheReferenceSet() {
        double[] v = Samples.lognormal(5_000, 4);
        CalibrationBuilder b = new CalibrationBuilder(SET, Labels.PREDICTED);
        for (double x : v) {
            b.add(0, x);
        }
        ClassStats stats = b.build(30).forClass(0);
        // rates whose tail levels (fpr, 1 - fpr, and halves for both tails) lie on the grid: exact to ±1/n per tail
        for (double fpr : new double[] {0.001, 0.002, 0.01, 0.02, 0.1, 0.2, 0.5}) {
            for (Tail tail : Tail.values()) {
                Bounds bounds = new Threshold.TargetFpr(fpr).bounds(stats, tail);
                long flagged = Arrays.stream(v).filter(x -> bounds.outside(stats.z(x))).count();
                assertEquals(fpr, (double) flagged / v.length, 2.0 / v.length, "target_fpr " + fpr + " " + tail);
            }
        }
        assertEquals(new Bounds(Double.NEGATIVE_INFINITY, 3.0), Threshold.DEFAULT.bounds(stats, Tail.UPPER));
        assertEquals(new Bounds(-3.0, 3.0), Threshold.DEFAULT.bounds(stats, Tail.BOTH));
        assertEquals(new Bounds(-3.0, Double.POSITIVE_INFINITY), Threshold.DEFAULT.bounds(stats, Tail.LOWER));
        assertThrows(IllegalArgumentException.class, () -> new Threshold.TargetFpr(0));
        assertThrows(IllegalArgumentException.class, () -> new Threshold.ZScore(Double.NaN));
    }

    @Test
    void shouldFallBackToPooledStatisticsForClassesWithFewExamples() {
        CalibrationBuilder b = new CalibrationBuilder(SET, Labels.TRUE);
        double[] big = Samples.lognormal(500, 5);
        for (double x : big) {
            b.add(1, x);
        }
        for (int i = 0; i < 10; i++) {
            b.add(2, 1.0 + i);
        }
        CalibrationStats stats = b.build(30);
        Normalized own = stats.normalize(1, big[0]);
        assertFalse(own.pooled());
        assertEquals(1, own.stats().cls().getAsInt());
        Normalized rare = stats.normalize(2, 3.0);
        assertTrue(rare.pooled());
        assertEquals(510, rare.stats().count());
        assertTrue(stats.normalize(7, 3.0).pooled(), "a class never seen uses the pooled statistics");
        assertEquals((3.0 - stats.pooled().mean()) / stats.pooled().std(), rare.z(), 1e-12);
    }

    @Test
    void shouldWriteRecordsThatMatchTheSchemaAndReadThemBack() throws Exception {
        CalibrationBuilder b = new CalibrationBuilder(SET, Labels.PREDICTED);
        double[] v = Samples.lognormal(300, 6);
        for (int i = 0; i < v.length; i++) {
            b.add(i % 3, v[i]);
        }
        CalibrationStats stats = b.build(30);
        Path file = dir.resolve("stats.json");
        StatsJson.write(stats, file);
        CalibrationStats back = StatsJson.read(file);
        assertEquals(stats, back);

        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("..", "schemas", "class-stats.schema.json")));
        ObjectMapper mapper = new ObjectMapper();
        JsonNode root = mapper.readTree(file.toFile());
        for (JsonNode record : root.get("classes")) {
            Set<ValidationMessage> errors = schema.validate(record);
            assertTrue(errors.isEmpty(), errors.toString());
        }
        assertTrue(schema.validate(root.get("pooled")).isEmpty());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("pooled")).put("class", 3);
        assertFalse(schema.validate(root.get("pooled")).isEmpty(), "pooled statistics carry no class");
        assertEquals("0123456789ab/*", stats.pooled().key().toString());
        assertEquals("0123456789ab/2", stats.classes().get(2).key().toString());
    }

    @Test
    void shouldRejectARecordWithAMissingField() throws Exception {
        CalibrationBuilder b = new CalibrationBuilder(SET, Labels.PREDICTED);
        b.add(0, 1.0);
        String json = StatsJson.toJsonString(b.build(1).forClass(0)).replace("\"mean\"", "\"average\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StatsJson.fromJsonString(json));
        assertEquals("missing field 'mean'", e.getMessage());
    }
}

package org.vogstream.detect.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.score.Score;
import org.vogstream.detect.calibrate.CalibrationBuilder;
import org.vogstream.detect.reference.DetectorCalibrator;
import org.vogstream.detect.reference.DetectorStats;
import org.vogstream.detect.reference.MapReference;
import org.vogstream.detect.stats.CalibrationStats;
import org.vogstream.detect.stats.Labels;
import org.vogstream.detect.stats.StatsJson;
import org.vogstream.detect.stats.StatsLookup;

/**
 * The detector on generated scores whose VoG maps follow a known per-class pattern: split fitting,
 * the map score, the fusion with energy, and the statistics record that carries it all.
 */
class DetectorTest {
    private static final String SET = "0123456789ab";
    private static final int CELLS = 16;

    @TempDir
    Path dir;

    /** Class c's maps are bright in cell c and dim elsewhere, with multiplicative noise; energy ~ N(10, 1). */
    private static Score typical(int cls, Random r) {
        float[] map = new float[CELLS];
        for (int i = 0; i < CELLS; i++) {
            map[i] = (float) ((i == cls ? 1.0 : 0.1) * Math.exp(0.2 * r.nextGaussian()));
        }
        return score(cls, map, 10 + r.nextGaussian());
    }

    private static Score score(int cls, float[] map, double energy) {
        double vog = 0;
        for (float v : map) {
            vog += v / map.length;
        }
        return new Score(cls, vog, map, 0.9, energy, energy, OptionalDouble.empty());
    }

    private static List<Score> reference(int n, long seed) {
        Random r = new Random(seed);
        List<Score> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(typical(i % 3, r));
        }
        return out;
    }

    private static CalibrationStats calibrate(List<Score> scores) {
        CalibrationBuilder b = new CalibrationBuilder(SET, Labels.PREDICTED);
        scores.forEach(s -> b.add(s.predictedClass(), s.vog()));
        return b.build(30, new DetectorCalibrator(new long[] {4, 4}, 30).splitFit(scores));
    }

    @Test
    void shouldScoreAMapWithTheWrongPatternFarAboveTypicalOnes() {
        Detector detector = new Detector(StatsLookup.of(calibrate(reference(3000, 1))));
        Random r = new Random(2);
        Detection typical = detector.detect(SET, typical(1, r)).orElseThrow();
        float[] moved = typical(2, r).vogMap();
        Detection wrong = detector.detect(SET, score(1, moved, 10)).orElseThrow();
        assertTrue(wrong.vogMapScore() > 3 * typical.vogMapScore(), wrong + " vs " + typical);
        assertTrue(wrong.oodPercentile() > 99, "a class-2 pattern predicted as class 1: " + wrong.oodPercentile());
        Detection lowEnergy = detector.detect(SET, score(1, typical(1, r).vogMap(), 4)).orElseThrow();
        assertTrue(lowEnergy.oodPercentile() > 99, "energy six std below its class: " + lowEnergy.oodPercentile());
    }

    /** The topology and vog score assess a micro-batch at once; every number must be the one-by-one number. */
    @Test
    void shouldAssessABatchWithExactlyTheNumbersOfOneByOne() {
        Detector detector = new Detector(StatsLookup.of(calibrate(reference(3000, 9))));
        List<Score> batch = reference(64, 10);
        List<Optional<Detector.Assessment>> together = detector.assessAll(SET, batch);
        assertEquals(batch.size(), together.size());
        for (int e = 0; e < batch.size(); e++) {
            Detection alone = detector.assess(SET, batch.get(e)).orElseThrow().detection().orElseThrow();
            Detection inBatch = together.get(e).orElseThrow().detection().orElseThrow();
            assertEquals(alone.vogMapScore(), inBatch.vogMapScore(), 0.0, "example " + e);
            assertEquals(alone.oodScore(), inBatch.oodScore(), 0.0, "example " + e);
            assertEquals(alone.vog().z(), inBatch.vog().z(), 0.0, "example " + e);
        }
        assertEquals(List.of(Optional.empty()), detector.assessAll("another-set", List.of(batch.get(0))));
    }

    @Test
    void shouldHighlightTheCellsWhereAnExampleDepartsFromItsClass() {
        CalibrationStats stats = calibrate(reference(3000, 3));
        MapReference ref = stats.forClass(0).detector().orElseThrow().map();
        float[] map = typical(0, new Random(4)).vogMap();
        map[5] = 1.0f;
        double[] normalized = ref.normalized(map);
        for (int i = 0; i < CELLS; i++) {
            if (i != 5) {
                assertTrue(normalized[5] > 3 * normalized[i], "cell 5 changed, cell " + i + " did not");
            }
        }
    }

    @Test
    void shouldRealizeTheTargetOnNewExamplesFromTheSameDistribution() {
        CalibrationStats stats = calibrate(reference(3000, 5));
        Detector detector = new Detector(StatsLookup.of(stats));
        int flagged = 0;
        List<Score> fresh = reference(6000, 6);
        for (Score s : fresh) {
            Detection d = detector.detect(SET, s).orElseThrow();
            flagged += d.oodScore() > d.reference().fused().quantile(0.95) ? 1 : 0;
        }
        // binomial std of a 5% rate over 6,000 is 0.28 points; the grids' own error (1,000 per class) adds about 0.7
        assertEquals(0.05, flagged / (double) fresh.size(), 0.02);
    }

    @Test
    void shouldWriteTheDetectorsReferenceIntoRecordsThatMatchTheSchemaAndReadBack() throws Exception {
        CalibrationStats stats = calibrate(reference(600, 7));
        Path file = dir.resolve("stats.json");
        StatsJson.write(stats, file);
        CalibrationStats back = StatsJson.read(file);
        DetectorStats before = stats.forClass(2).detector().orElseThrow();
        DetectorStats after = back.forClass(2).detector().orElseThrow();
        assertEquals(before.fused(), after.fused());
        assertEquals(before.map().offset(), after.map().offset());
        assertEquals(before.map().mean()[2], after.map().mean()[2], 1e-6, "maps are written in float precision");
        Score probe = typical(2, new Random(8));
        assertEquals(new Detector(StatsLookup.of(stats)).detect(SET, probe).orElseThrow().oodScore(),
                new Detector(StatsLookup.of(back)).detect(SET, probe).orElseThrow().oodScore(), 1e-3);

        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("..", "schemas", "class-stats.schema.json")));
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        for (JsonNode record : root.get("classes")) {
            assertTrue(record.has("detector"));
            assertTrue(schema.validate(record).isEmpty(), schema.validate(record).toString());
        }
        assertTrue(schema.validate(root.get("pooled")).isEmpty());
    }

    @Test
    void shouldWriteARecordThatReadsBackWhenAClassIsOneRepeatedExample() throws Exception {
        List<Score> scores = reference(600, 13);
        Score s = typical(2, new Random(14));
        Score repeated = new Score(5, s.vog(), s.vogMap(), 0.9, s.energy(), s.energy(), OptionalDouble.empty());
        for (int i = 0; i < 10; i++) {
            scores.add(repeated);
        }
        CalibrationStats stats = calibrate(scores);
        assertTrue(stats.classes().get(5).detector().isPresent(), "class 5 has distribution examples");
        Path file = dir.resolve("thin.json");
        StatsJson.write(stats, file);
        assertEquals(stats.forClass(5).count(), StatsJson.read(file).forClass(5).count(),
                "every reference value tied: finite grids, a file that reads back");
    }

    @Test
    void shouldRefuseAReferenceWhoseShapeDoesNotMatchItsCells() throws Exception {
        CalibrationStats stats = calibrate(reference(300, 9));
        String json = StatsJson.toJsonString(stats.forClass(0)).replace("\"shape\":[4,4]", "\"shape\":[7,7]");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> StatsJson.fromJsonString(json));
        assertEquals("detector.map: shape [7, 7] has 49 cells, but mean has 16 and std 16", e.getMessage());
    }

    @Test
    void shouldReadARecordWrittenBeforeTheSubspaceAsOneWithoutADetector() throws Exception {
        CalibrationStats stats = calibrate(reference(300, 11));
        com.fasterxml.jackson.databind.node.ObjectNode record = StatsJson.toJson(stats.forClass(0));
        ((com.fasterxml.jackson.databind.node.ObjectNode) record.get("detector").get("map")).remove("subspace");
        assertTrue(StatsJson.fromJson(record).detector().isEmpty(),
                "its grids are of other scores: judged by the scalar VoG until recalibrated");
    }

    @Test
    void shouldTellARecordOlderThanTheSubspaceFromOneWithoutADetector() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode record = StatsJson.toJson(calibrate(reference(300, 13)).forClass(0));
        assertFalse(StatsJson.predatesSubspace(record));
        ((com.fasterxml.jackson.databind.node.ObjectNode) record.get("detector").get("map")).remove("subspace");
        assertTrue(StatsJson.predatesSubspace(record));
        record.putNull("detector");
        assertFalse(StatsJson.predatesSubspace(record), "no detector at all is not an old detector");
        record.remove("detector");
        assertFalse(StatsJson.predatesSubspace(record));
    }

    @Test
    void shouldRefuseSubspaceComponentsThatDoNotFitTheirDirections() throws Exception {
        CalibrationStats stats = calibrate(reference(300, 12));
        com.fasterxml.jackson.databind.node.ObjectNode record = StatsJson.toJson(stats.forClass(0));
        com.fasterxml.jackson.databind.node.ObjectNode subspace =
                (com.fasterxml.jackson.databind.node.ObjectNode) record.get("detector").get("map").get("subspace");
        int directions = subspace.get("directions").asInt();
        subspace.put("directions", directions + 1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> StatsJson.fromJson(record));
        assertEquals("detector.map.subspace: " + (directions + 1) + " directions of 16 cells need " + 64 * (directions + 1)
                + " bytes of components, got " + 64 * directions, e.getMessage());
    }

    @Test
    void shouldScoreWithThePooledReferenceWhenTheMapDoesNotFitTheClasss() {
        Detector detector = new Detector(StatsLookup.of(calibrate(reference(3000, 10))));
        Score wrongSize = score(1, new float[CELLS + 1], 10);
        assertTrue(detector.assess(SET, wrongSize).orElseThrow().detection().isEmpty(),
                "no reference of 17 cells: scalar VoG only, no exception");
    }
}

package org.vogstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.testing.Digits;
import org.vogstream.app.testing.PinnedScorer;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.core.score.VogScorer;
import org.vogstream.detect.stats.CalibrationStats;
import org.vogstream.detect.stats.ClassStats;
import org.vogstream.detect.stats.ClassStatsKey;
import org.vogstream.detect.stats.StatsJson;

/**
 * {@link ThresholdDecider} on the real topology, with the real scorer's VoG pinned, so an event's
 * z lands exactly at, just above or just below a threshold computed from the published statistics.
 */
class ThresholdDeciderTest {
    private static final long T = TopologyHarness.START.toEpochMilli();
    /** A step in z far above rounding (z is ~1e-16 exact) yet far below any threshold's scale. */
    private static final double STEP = 1e-6;
    private static VogScorer real;
    private static CalibrationStats stats;
    /** The class the real scorer predicts for digit 0, and that class's statistics. */
    private static int cls;
    private static ClassStats own;

    @TempDir
    Path stateDir;

    private PinnedScorer pinned;
    private ModelRegistry models;
    private TopologyHarness harness;

    @BeforeAll
    static void load() throws Exception {
        real = VogScorer.open(ModelSet.load(Digits.MODEL_DIR), ScorerConfig.defaults());
        stats = StatsJson.read(Digits.MODEL_DIR.resolve("stats.json"));
        cls = real.score(List.of(Digits.pixels(0))).get(0).predictedClass();
        own = stats.forClass(cls);
        assertFalse(own.pooled(), "the bundled statistics have enough examples of every class");
    }

    @AfterAll
    static void unload() {
        real.close();
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
        if (models != null) {
            models.close();
        }
    }

    private TopologyHarness start() {
        pinned = new PinnedScorer(real, own.mean());
        models = new ModelRegistry(Map.of("mnist", pinned));
        harness = new TopologyHarness(models, stateDir, Map.of("batch.size", "1"));
        return harness;
    }

    /** The VoG whose z against the class's statistics is about {@code z}. */
    private static double vogAt(double z) {
        return own.mean() + z * own.std();
    }

    /** Scores digit 0 with its VoG pinned to {@code vog}; returns the scored event, after checking alerts agree. */
    private JsonNode decide(double vog) {
        pinned.pin(vog);
        harness.send(Digits.json("e", "mnist", 0, T));
        List<JsonNode> scored = harness.scored();
        assertEquals(1, scored.size());
        JsonNode n = scored.get(0);
        assertEquals(vog, n.get("vog").asDouble(), "the pinned VoG went through unchanged");
        assertEquals(cls, n.get("predicted_class").asInt());
        assertEquals(n.get("ood").asBoolean() ? 1 : 0, harness.alerts().size());
        return n;
    }

    @Test
    void shouldFlagOnlyAboveTheUpperThresholdWhenZIsExactlyAtJustAboveOrJustBelowIt() {
        TopologyHarness h = start();
        h.publishStats(stats);
        double vog = vogAt(2.5);
        double at = own.z(vog);
        h.threshold("*", "{\"z_threshold\": " + at + "}");

        JsonNode exactly = decide(vog);
        assertEquals(at, exactly.get("vog_z").asDouble(), 0.0, "z exactly at the threshold");
        assertEquals(at, exactly.get("threshold").get("value").asDouble(), 0.0);
        assertEquals("class", exactly.get("stats_scope").asText());
        assertFalse(exactly.get("ood").asBoolean(), "a z at the threshold is not above it");

        double above = vogAt(at + STEP);
        assertTrue(own.z(above) > at);
        assertTrue(decide(above).get("ood").asBoolean(), "just above");
        double below = vogAt(at - STEP);
        assertTrue(own.z(below) < at);
        assertFalse(decide(below).get("ood").asBoolean(), "just below");
        assertFalse(decide(0.0).get("ood").asBoolean(), "the upper tail ignores low z (a VoG of 0)");
    }

    @Test
    void shouldFlagOnlyBelowTheLowerBoundWhenTheTailIsLower() {
        TopologyHarness h = start();
        h.publishStats(stats);
        double vog = vogAt(-1.5);
        double at = own.z(vog);
        h.threshold("model=mnist", "{\"z_threshold\": " + -at + ", \"tail\": \"lower\"}");

        JsonNode exactly = decide(vog);
        assertEquals(at, exactly.get("vog_z").asDouble(), 0.0);
        assertEquals(at, exactly.get("threshold").get("lower").asDouble(), 0.0, "the lower bound is -z_threshold");
        assertEquals("lower", exactly.get("threshold").get("tail").asText());
        assertFalse(exactly.get("threshold").has("upper"), "an unchecked side has no bound");
        assertFalse(exactly.get("ood").asBoolean(), "a z at the lower bound is not below it");
        assertTrue(decide(vogAt(at - STEP)).get("ood").asBoolean(), "just below");
        assertFalse(decide(vogAt(at + STEP)).get("ood").asBoolean(), "just above");
        assertFalse(decide(vogAt(10)).get("ood").asBoolean(), "the lower tail ignores high z");
    }

    @Test
    void shouldFlagBothSidesWhenTheTailIsBoth() {
        TopologyHarness h = start();
        h.publishStats(stats);
        double vog = vogAt(2.0);
        double at = own.z(vog);
        h.threshold("*", "{\"z_threshold\": " + at + ", \"tail\": \"both\"}");

        JsonNode exactly = decide(vog);
        assertEquals(-at, exactly.get("threshold").get("lower").asDouble(), 0.0);
        assertEquals(at, exactly.get("threshold").get("upper").asDouble(), 0.0);
        assertFalse(exactly.get("ood").asBoolean(), "exactly at the upper bound");
        assertTrue(decide(vogAt(at + STEP)).get("ood").asBoolean(), "just above the upper bound");
        assertFalse(decide(vogAt(at - STEP)).get("ood").asBoolean(), "just inside the upper bound");
        assertFalse(decide(vogAt(-at + STEP)).get("ood").asBoolean(), "just inside the lower bound");
        assertTrue(decide(vogAt(-at - STEP)).get("ood").asBoolean(), "just below the lower bound");
        assertFalse(decide(own.mean()).get("ood").asBoolean(), "the class mean");
    }

    @Test
    void shouldNeverFlagAnEventWhenItsModelSetIsUncalibrated() {
        TopologyHarness h = start();
        // statistics of another model set calibrate nothing here
        var json = StatsJson.toJson(own);
        json.put("model_set", "000000000000");
        ClassStats foreign = StatsJson.fromJson(json);
        assertEquals(ClassStatsKey.of("000000000000", cls), foreign.key());
        h.publish(foreign);
        h.threshold("*", "{\"z_threshold\": -1000, \"tail\": \"both\"}");
        for (double vog : new double[] {0, own.mean(), 1e6}) {
            JsonNode n = decide(vog);
            assertEquals("uncalibrated", n.get("status").asText());
            assertFalse(n.get("ood").asBoolean(), "vog " + vog);
            assertFalse(n.has("vog_z"));
            assertFalse(n.has("threshold"));
            assertFalse(n.has("stats_scope"));
        }
        assertEquals(3, h.counter("vog.events", "outcome", "uncalibrated"));
    }

    @Test
    void shouldApplyTheMostSpecificScopeWhenSeveralThresholdsAreSet() {
        TopologyHarness h = start();
        h.publishStats(stats);
        double vog = vogAt(2.0);
        double z = own.z(vog);

        assertTrue(z > 1.5 && z < 3.0);
        JsonNode none = decide(vog);
        assertEquals("default", none.get("threshold").get("scope").asText());
        assertFalse(none.get("ood").asBoolean(), "the default 3.0");

        h.threshold("*", "{\"z_threshold\": 1.0}");
        JsonNode all = decide(vog);
        assertEquals("*", all.get("threshold").get("scope").asText());
        assertTrue(all.get("ood").asBoolean());

        h.threshold("model=mnist", "{\"z_threshold\": 3.0}");
        JsonNode model = decide(vog);
        assertEquals("model=mnist", model.get("threshold").get("scope").asText());
        assertFalse(model.get("ood").asBoolean());

        h.threshold("model=mnist/class=" + cls, "{\"z_threshold\": 1.5}");
        JsonNode forClass = decide(vog);
        assertEquals("model=mnist/class=" + cls, forClass.get("threshold").get("scope").asText());
        assertEquals(1.5, forClass.get("threshold").get("value").asDouble());
        assertTrue(forClass.get("ood").asBoolean());

        h.threshold("model=mnist/class=" + ((cls + 1) % 10), "{\"z_threshold\": 100}");
        assertEquals("model=mnist/class=" + cls, decide(vog).get("threshold").get("scope").asText(),
                "another class's setting does not apply");

        h.threshold("model=mnist/class=" + cls, null);
        JsonNode back = decide(vog);
        assertEquals("model=mnist", back.get("threshold").get("scope").asText(), "a tombstone hands back to the model");
        assertFalse(back.get("ood").asBoolean());
    }
}

package org.vogstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vogstream.app.cli.VogCommand;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.testing.Digits;
import org.vogstream.app.topology.TopologyHarness;
import org.vogstream.core.data.InferenceEventCodec;
import org.vogstream.core.data.NpyArray;
import org.vogstream.core.data.TensorDtype;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.detect.stats.CalibrationStats;
import org.vogstream.detect.stats.ClassStats;
import org.vogstream.detect.stats.StatsJson;

/**
 * {@code vog score} and the streaming topology decide alike: for the same digits and the same
 * statistics they give the same z, the same statistics scope and the same status, event by event,
 * including classes whose statistics fall below their minimum count, and on 2,000 events, in and
 * out of distribution, the same verdicts (ood, threshold, its scope, the alert's reason) by default
 * and under configured thresholds. Both score with the real bundled model set in batches of the
 * same size, so their VoGs are the same.
 */
class ScoreVsTopologyEquivalenceTest extends org.vogstream.app.topology.TopologyTestBase {
    private static final int BATCH = 25;
    /** The first digits of the bundled set (a multiple of BATCH, so every batch is full on both sides). */
    private static final int DIGITS = 100;
    /** A class whose record claims 5 reference examples, fewer than the file's min_count of 30. */
    private static final int FEW = 1;
    /** A class whose record carries its own min_count, above its count. */
    private static final int STRICT = 7;

    /** Events of the verdict test: the held-out digits, and six shifts of them away from the training data. */
    private static final int MIXED = 2_000;

    @TempDir
    static Path dir;

    private static float[][] mixed;
    private static Path mixedFile;

    private static Path statsFile;
    private static Path digits;
    private static CalibrationStats stats;
    private static Map<String, Map<String, String>> withStats;

    @BeforeAll
    static void prepare() throws Exception {
        float[] pixels = new float[DIGITS * 784];
        for (int i = 0; i < DIGITS; i++) {
            System.arraycopy(Digits.pixels(i), 0, pixels, i * 784, 784);
        }
        digits = dir.resolve("digits.npy");
        NpyArray.writeFloats(digits, new long[] {DIGITS, 1, 28, 28}, pixels);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(Digits.MODEL_DIR.resolve("stats.json").toFile());
        for (JsonNode c : root.get("classes")) {
            if (c.get("class").asInt() == FEW) {
                ((ObjectNode) c).put("count", 5);
            } else if (c.get("class").asInt() == STRICT) {
                ((ObjectNode) c).put("min_count", 100_000);
            }
        }
        statsFile = dir.resolve("stats-below-min-count.json");
        mapper.writeValue(statsFile.toFile(), root);
        stats = StatsJson.read(statsFile);
        assertEquals(5, stats.classes().get(FEW).count());
        assertEquals(30, stats.classes().get(FEW).minCount());
        assertEquals(100_000, stats.classes().get(STRICT).minCount());
        assertTrue(stats.forClass(FEW).pooled() && stats.forClass(STRICT).pooled() && !stats.forClass(0).pooled());
        withStats = score("--stats", statsFile.toString());
        mixed = mixedEvents();
        float[] flat = new float[MIXED * 784];
        for (int i = 0; i < MIXED; i++) {
            System.arraycopy(mixed[i], 0, flat, i * 784, 784);
        }
        mixedFile = dir.resolve("mixed.npy");
        NpyArray.writeFloats(mixedFile, new long[] {MIXED, 1, 28, 28}, flat);
    }

    /** Digit i % 300, as it is or inverted, in uniform noise, with noise added, shifted, faded or transposed. */
    private static float[][] mixedEvents() {
        Random random = new Random(17);
        float[][] events = new float[MIXED][];
        for (int i = 0; i < MIXED; i++) {
            float[] d = Digits.pixels(i % Digits.count());
            float[] e = new float[784];
            for (int p = 0; p < 784; p++) {
                int r = p / 28;
                int c = p % 28;
                e[p] = switch (i / Digits.count()) {
                    case 0 -> d[p];
                    case 1 -> 1 - d[p];
                    case 2 -> random.nextFloat();
                    case 3 -> Math.min(1, Math.max(0, d[p] + 0.3f * (float) random.nextGaussian()));
                    case 4 -> c >= 4 ? d[r * 28 + c - 4] : 0;
                    case 5 -> 0.4f * d[p];
                    default -> d[c * 28 + r];
                };
            }
            events[i] = e;
        }
        return events;
    }

    /** Runs {@code vog score} in-process on the bundled digits; its CSV rows by id, each cell by column name. */
    private static Map<String, Map<String, String>> score(String... extra) throws Exception {
        return score(digits, DIGITS, extra);
    }

    private static Map<String, Map<String, String>> score(Path data, int count, String... extra) throws Exception {
        Path csv = Files.createTempFile(dir, "scores", ".csv");
        List<String> args = new ArrayList<>(List.of("score", "--model-dir", Digits.MODEL_DIR.toString(), "--data",
                data.toString(), "--batch-size", Integer.toString(BATCH),
                "--out", csv.toString()));
        args.addAll(List.of(extra));
        var cli = VogCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args.toArray(String[]::new));
        assertEquals(0, code, out + "\n" + err);
        List<String> lines = Files.readAllLines(csv);
        List<String> header = cells(lines.get(0));
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = cells(line);
            assertEquals(header.size(), cells.size(), line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            rows.put(row.get("id"), row);
        }
        assertEquals(count, rows.size());
        return rows;
    }

    /** One CSV line's cells (RFC 4180 quoting). */
    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    /** Streams the same digits, ids as {@code vog score} numbers them; the scored events by id. */
    private Map<String, JsonNode> stream(Consumer<TopologyHarness> publish) {
        float[][] events = new float[DIGITS][];
        for (int i = 0; i < DIGITS; i++) {
            events[i] = Digits.pixels(i);
        }
        return stream(publish, events);
    }

    private Map<String, JsonNode> stream(Consumer<TopologyHarness> publish, float[][] events) {
        return stream(publish, events, TensorDtype.FLOAT32);
    }

    private Map<String, JsonNode> stream(Consumer<TopologyHarness> publish, float[][] events, TensorDtype dtype) {
        harness = new TopologyHarness(models, stateDir, Map.of("batch.size", Integer.toString(BATCH),
                "batch.max.wait.ms", "600000"));
        publish.accept(harness);
        for (int i = 0; i < events.length; i++) {
            harness.send(InferenceEventCodec.encode(Digits.event(Integer.toString(i), "mnist", events[i],
                    TopologyHarness.START.toEpochMilli(), dtype)));
        }
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        harness.scored().forEach(n -> byId.put(n.get("event_id").asText(), n));
        assertEquals(events.length, byId.size(), "every event scored once");
        assertEquals(List.of(), harness.deadLetters());
        return byId;
    }

    /**
     * The agreement a printed z allows: 1e-9 relative, widened to half a unit in the last printed
     * decimal (the CSV prints z with a fixed number of decimals).
     */
    private static double tolerance(String printed, double z) {
        int dot = printed.indexOf('.');
        boolean exponent = printed.contains("e") || printed.contains("E");
        int decimals = dot < 0 ? 0 : printed.length() - dot - 1;
        double printing = exponent ? 0 : 0.5 * Math.pow(10, -decimals);
        return Math.max(printing, 1e-9 * Math.abs(z)) * (1 + 1e-9);
    }

    private static void assertSameScores(Map<String, String> row, JsonNode event) {
        String id = row.get("id");
        assertEquals(Integer.parseInt(row.get("predicted_class")), event.get("predicted_class").asInt(), id);
        double vog = Double.parseDouble(row.get("vog"));
        assertEquals(vog, event.get("vog").asDouble(), 1e-7 * vog, "the same VoG (the CSV prints 8 digits), id " + id);
    }

    @Test
    void shouldGiveTheSameZScopeAndStatusWhenClassesFallBelowTheirMinimumCount() {
        Map<String, JsonNode> streamed = stream(h -> h.publishStats(stats));
        Map<Integer, Integer> pooledByClass = new HashMap<>();
        for (Map<String, String> row : withStats.values()) {
            String id = row.get("id");
            JsonNode event = streamed.get(id);
            assertSameScores(row, event);
            assertFalse(row.get("z").isEmpty(), "calibrated: " + row);
            assertEquals("scored", event.get("status").asText(), id);
            double z = Double.parseDouble(row.get("z"));
            assertEquals(z, event.get("vog_z").asDouble(), tolerance(row.get("z"), z), "z of " + id);
            assertEquals(row.get("stats_scope"), event.get("stats_scope").asText(), "stats scope of " + id);
            int cls = event.get("predicted_class").asInt();
            boolean belowMin = cls == FEW || cls == STRICT;
            assertEquals(belowMin ? "pooled" : "class", event.get("stats_scope").asText(), "class " + cls + ", id " + id);
            if (belowMin) {
                pooledByClass.merge(cls, 1, Integer::sum);
                assertEquals(stats.pooled().z(event.get("vog").asDouble()), event.get("vog_z").asDouble(), 0.0);
            }
        }
        assertTrue(pooledByClass.getOrDefault(FEW, 0) > 0 && pooledByClass.getOrDefault(STRICT, 0) > 0,
                "the digits include both below-min-count classes: " + pooledByClass);
    }

    @Test
    void shouldAgreeThatEveryEventIsUncalibratedWhenThereAreNoStatistics() throws Exception {
        Map<String, Map<String, String>> csv = score();
        Map<String, JsonNode> streamed = stream(h -> {});
        for (Map<String, String> row : csv.values()) {
            JsonNode event = streamed.get(row.get("id"));
            assertSameScores(row, event);
            assertEquals("", row.get("z"), "empty z: uncalibrated");
            assertEquals("", row.get("stats_scope"));
            assertEquals("uncalibrated", event.get("status").asText());
            assertFalse(event.has("vog_z"));
            assertFalse(event.has("stats_scope"));
            assertFalse(event.get("ood").asBoolean());
        }
    }

    @Test
    void shouldUseAClassesOwnStatisticsEvenBelowMinCountWhenNoPooledRecordIsPublished() {
        Map<String, JsonNode> streamed = stream(h -> stats.classes().values().forEach(h::publish));
        int fewSeen = 0;
        for (Map<String, String> row : withStats.values()) {
            JsonNode event = streamed.get(row.get("id"));
            assertSameScores(row, event);
            int cls = event.get("predicted_class").asInt();
            ClassStats own = stats.classes().get(cls);
            double vog = event.get("vog").asDouble();
            assertEquals("scored", event.get("status").asText());
            assertEquals("class", event.get("stats_scope").asText(), "no pooled record: always the class's own");
            assertEquals(own.z(vog), event.get("vog_z").asDouble(), 1e-12 * Math.abs(own.z(vog)), row.toString());
            if (cls == FEW || cls == STRICT) {
                fewSeen++;
                assertTrue(own.count() < own.minCount(), "below its min_count: " + own.count() + " < " + own.minCount());
                assertEquals("pooled", row.get("stats_scope"), "vog score, whose file has a pooled record, pools");
            } else {
                double z = Double.parseDouble(row.get("z"));
                assertEquals(row.get("stats_scope"), event.get("stats_scope").asText());
                assertEquals(z, event.get("vog_z").asDouble(), tolerance(row.get("z"), z));
            }
        }
        assertTrue(fewSeen > 0);
    }

    /** A uint8 .npy of the digits' bytes and uint8 events of them: both scaled by the model set's input.json alike. */
    @Test
    void shouldScoreUint8DigitsAlikeAndAsTheirFloatDigits() throws Exception {
        byte[] bytes = new byte[DIGITS * 784];
        float[][] events = new float[DIGITS][];
        for (int i = 0; i < DIGITS; i++) {
            events[i] = Digits.bytes(i);
            for (int p = 0; p < 784; p++) {
                bytes[i * 784 + p] = (byte) events[i][p];
            }
        }
        Path file = dir.resolve("digits-uint8.npy");
        NpyArray.writeUint8(file, new long[] {DIGITS, 1, 28, 28}, bytes);
        Map<String, Map<String, String>> csv = score(file, DIGITS);
        Map<String, Map<String, String>> floats = score();
        Map<String, JsonNode> streamed = stream(h -> {}, events, TensorDtype.UINT8);
        for (Map<String, String> row : csv.values()) {
            assertSameScores(row, streamed.get(row.get("id")));
            assertEquals(floats.get(row.get("id")), row, "the uint8 digit scores as the float one");
        }
    }

    /** No threshold configured (vog run's default: fused at target_fpr 0.01), the scalar VoG's both tails, the map score. */
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"{\"z_threshold\": 2.0, \"tail\": \"both\"}", "{\"target_fpr\": 0.05, \"detector\": \"vog_map\"}"})
    void shouldGiveTheSameVerdictsAsTheTopology(String threshold) throws Exception {
        Path bundled = Digits.MODEL_DIR.resolve("stats.json");
        Map<String, Map<String, String>> csv = threshold == null ? score(mixedFile, MIXED, "--stats", bundled.toString())
                : score(mixedFile, MIXED, "--stats", bundled.toString(), "--threshold", threshold);
        CalibrationStats published = StatsJson.read(bundled);
        Map<String, JsonNode> streamed = stream(h -> {
            h.publishStats(published);
            if (threshold != null) {
                h.threshold("*", threshold);
            }
        }, mixed);
        Map<String, JsonNode> alerts = new HashMap<>();
        harness.alerts().forEach(n -> alerts.put(n.get("event_id").asText(), n));
        int ood = 0;
        for (Map<String, String> row : csv.values()) {
            String id = row.get("id");
            JsonNode event = streamed.get(id);
            assertSameScores(row, event);
            boolean alert = Boolean.parseBoolean(row.get("ood"));
            assertEquals(alert, event.get("ood").asBoolean(), "ood of " + id);
            assertEquals(row.get("threshold_scope"), event.get("threshold").get("scope").asText(), "scope of " + id);
            assertEquals(Double.parseDouble(row.get("threshold")), event.get("threshold").get("value").asDouble(), 5e-7,
                    "threshold of " + id);
            assertEquals(alert, alerts.containsKey(id), "an alert exactly when ood: " + id);
            assertEquals(alert ? alerts.get(id).get("reason").asText() : "", row.get("reason"), "reason of " + id);
            ood += alert ? 1 : 0;
        }
        assertEquals(threshold == null ? "default" : "*", csv.get("0").get("threshold_scope"));
        assertTrue(ood > 0 && ood < MIXED, "both verdicts among the events: " + ood + " of " + MIXED + " alert");
        System.out.printf("vog score and the topology: the same verdicts for %d events (%d alerts) with %s%n", MIXED, ood,
                threshold == null ? "the default threshold" : threshold);
    }
}

package org.vogstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.data.NpyArray;
import org.vogstream.core.testing.CheckpointDirs;
import org.vogstream.detect.stats.CalibrationStats;
import org.vogstream.detect.stats.StatsJson;

/** vog calibrate, vog score and vog bench on a generated checkpoint set and reference set. */
class ScoringCommandsTest {
    @TempDir
    static Path dir;

    static Path models;
    static Path reference;
    static Path labels;
    static float[] referenceX;

    @BeforeAll
    static void data() throws Exception {
        models = CheckpointDirs.lenet(Files.createDirectories(dir.resolve("models")), 3, 90, 3);
        int n = 400;
        Random r = new Random(1);
        float[] x = new float[n * 144];
        long[] y = new long[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
        }
        reference = dir.resolve("ref.npy");
        labels = dir.resolve("ref-labels.npy");
        NpyArray.writeFloats(reference, new long[] {n, 1, 12, 12}, x);
        referenceX = x;
        NpyArray.writeLongs(labels, new long[] {n}, y);
    }

    @Test
    void shouldCalibrateThenScoreWithTheStatistics() throws Exception {
        Path stats = dir.resolve("stats.json");
        VogCli.Run calibrate = VogCli.run("calibrate", "--model-dir", models.toString(), "--data", reference.toString(),
                "--data-labels", labels.toString(), "--labels", "true", "--out", stats.toString());
        assertEquals(0, calibrate.code(), calibrate.err());
        assertTrue(calibrate.out().contains("400 reference examples, labels true"), calibrate.out());
        assertTrue(calibrate.out().lines().anyMatch(l -> l.startsWith("pooled ") && l.contains(" 400 ")), calibrate.out());
        CalibrationStats read = StatsJson.read(stats);
        assertEquals(List.of(0, 1, 2), List.copyOf(read.classes().keySet()));

        Path csv = dir.resolve("scores.csv");
        VogCli.Run score = VogCli.run("score", "--model-dir", models.toString(), "--data", reference.toString(),
                "--stats", stats.toString(), "--out", csv.toString());
        assertEquals(0, score.code(), score.err());
        Csv scores = Csv.read(csv);
        // the first twelve columns are a contract: names and places
        assertEquals("id,predicted_class,vog,z,percentile,stats_scope,msp,max_logit,energy,vog_map_score,ood_score,"
                + "ood_percentile,ood,threshold,threshold_scope,reason", String.join(",", scores.header()));
        assertEquals(400, scores.rows().size());
        // z recomputed from the stats file itself, not through the code under test: every class has
        // 133 or 134 reference examples (≥ min_count), so each row uses its predicted class's own mean and std
        JsonNode json = new ObjectMapper().readTree(stats.toFile());
        Map<Integer, JsonNode> byClass = new HashMap<>();
        json.get("classes").forEach(c -> byClass.put(c.get("class").asInt(), c));
        double largestZ = 0;
        for (int i = 0; i < scores.rows().size(); i++) {
            assertEquals(Integer.toString(i), scores.get(i, "id"));
            double vog = Double.parseDouble(scores.get(i, "vog"));
            assertTrue(vog > 0, "row " + i + ": vog " + vog);
            JsonNode c = byClass.get(Integer.parseInt(scores.get(i, "predicted_class")));
            assertTrue(c.get("count").asInt() >= json.get("min_count").asInt());
            assertEquals("class", scores.get(i, "stats_scope"), "row " + i);
            double z = (vog - c.get("mean").asDouble()) / c.get("std").asDouble();
            assertEquals(z, Double.parseDouble(scores.get(i, "z")), 1e-5, "row " + i + ": z of vog " + vog);
            largestZ = Math.max(largestZ, Math.abs(z));
        }
        assertTrue(largestZ > 1, "z spreads over the reference set: largest |z| " + largestZ);
    }

    @Test
    void shouldRefuseAThresholdWithoutStatistics() {
        VogCli.Run score = VogCli.run("score", "--model-dir", models.toString(), "--data", reference.toString(),
                "--threshold", "{\"target_fpr\": 0.05}", "--out", dir.resolve("unjudged.csv").toString());
        assertEquals(VogCommand.INVALID_INPUT, score.code(), score.err());
        assertEquals("error: --threshold needs --stats: verdicts come from the class statistics", score.err().strip());
    }

    @Test
    void shouldRefuseStatisticsOfAnotherModelSet() throws Exception {
        Path otherModels = CheckpointDirs.lenet(Files.createDirectories(dir.resolve("other")), 3, 95, 3);
        Path stats = dir.resolve("other-stats.json");
        assertEquals(0, VogCli.run("calibrate", "--model-dir", otherModels.toString(), "--data", reference.toString(),
                "--out", stats.toString()).code());
        VogCli.Run score = VogCli.run("score", "--model-dir", models.toString(), "--data", reference.toString(),
                "--stats", stats.toString(), "--out", dir.resolve("x.csv").toString());
        assertEquals(VogCommand.INVALID_INPUT, score.code());
        assertTrue(score.err().contains("statistics of model set"), score.err());
    }

    @Test
    void shouldPrintTheBenchTableTheProfileAndTheTwoRatioLinesLast() {
        VogCli.Run bench = VogCli.run("bench", "--model-dir", models.toString(), "--batch", "1,64", "--seconds", "0.2",
                "--profile");
        assertEquals(0, bench.code(), bench.err());
        List<String> lines = bench.out().lines().toList();
        assertTrue(lines.get(1).startsWith("inputs: "), bench.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("Col2Im\\s+\\d+\\s+\\d+\\.\\d%")), "the profile's op types: " + bench.out());
        assertTrue(lines.get(lines.size() - 2).matches("fused_vs_unfused=\\d+\\.\\d\\d"), bench.out());
        assertTrue(lines.get(lines.size() - 1).matches("vog_vs_forward=\\d+\\.\\d\\d\\d"), bench.out());
        assertTrue(lines.stream().anyMatch(l -> l.trim().startsWith("64 ")), bench.out());
    }

    @Test
    void shouldRankByVogWithGridsPerClassAndErrorByDecile() throws Exception {
        Path out = dir.resolve("rank");
        VogCli.Run run = VogCli.run("rank", "--model-dir", models.toString(), "--data", reference.toString(),
                "--data-labels", labels.toString(), "--per-class", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        Csv ranked = Csv.read(out.resolve("ranked.csv"));
        assertEquals(List.of("rank", "id", "class", "vog", "predicted_class", "msp", "label", "correct"), ranked.header());
        assertEquals(400, ranked.rows().size());
        double previous = -1;
        for (int i = 0; i < ranked.rows().size(); i++) {
            double vog = Double.parseDouble(ranked.get(i, "vog"));
            assertTrue(vog >= previous, "ranked by increasing VoG");
            previous = vog;
        }
        List<Integer> byRank = IntStream.range(0, 400).mapToObj(i -> Integer.parseInt(ranked.get(i, "id"))).toList();
        assertGrid(out.resolve("all-lowest.png"), byRank.subList(0, 25));
        List<Integer> highestFirst = new ArrayList<>(byRank.subList(375, 400));
        Collections.reverse(highestFirst);
        assertGrid(out.resolve("all-highest.png"), highestFirst);
        String cls = ranked.get(0, "class");
        List<Integer> ofClass = IntStream.range(0, 400).filter(i -> ranked.get(i, "class").equals(cls))
                .mapToObj(byRank::get).toList();
        assertGrid(out.resolve("class-" + cls + "-lowest.png"), ofClass.subList(0, Math.min(25, ofClass.size())));
        assertTrue(Files.size(out.resolve("error-by-decile.png")) > 1_000);
        assertTrue(run.out().startsWith("error by VoG decile (lowest first): ["), run.out());
    }

    @Test
    void shouldExplainAnUnknownDevice() {
        VogCli.Run run = VogCli.run("score", "--model-dir", models.toString(), "--data", reference.toString(),
                "--device", "tpu", "--out", dir.resolve("y.csv").toString());
        assertEquals(VogCommand.INVALID_INPUT, run.code());
        assertEquals("error: device 'tpu' is not one of cpu, cuda, cuda:<index>", run.err().trim());
    }

    /**
     * The grid holds the reference examples {@code ids}, in order, five to a row: each 12×12 example
     * drawn 7× (84 px) at the top left of a 92×106 cell, below a 26 px title band, as grey levels
     * round(255·v). The random reference images differ in every pixel, so a misplaced, missing or
     * transposed tile fails.
     */
    private static void assertGrid(Path png, List<Integer> ids) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        int rows = (ids.size() + 4) / 5;
        assertEquals(460, image.getWidth(), png.toString());
        assertEquals(rows * 106 + 28, image.getHeight(), png.toString());
        for (int k = 0; k < ids.size(); k++) {
            int x0 = (k % 5) * 92 + 4;
            int y0 = (k / 5) * 106 + 26;
            for (int y = 0; y < 12; y++) {
                for (int x = 0; x < 12; x++) {
                    int grey = Math.round(referenceX[ids.get(k) * 144 + y * 12 + x] * 255);
                    int expected = (grey << 16) | (grey << 8) | grey;
                    for (int[] corner : new int[][] {{0, 0}, {6, 6}}) {
                        int rgb = image.getRGB(x0 + x * 7 + corner[0], y0 + y * 7 + corner[1]) & 0xffffff;
                        assertEquals(expected, rgb, png.getFileName() + ": tile " + k + " (example " + ids.get(k)
                                + ") pixel (" + x + ", " + y + ")");
                    }
                }
            }
        }
    }

    /** A CSV without quoted fields, its columns looked up by name. */
    private record Csv(List<String> header, List<String[]> rows) {
        static Csv read(Path file) throws Exception {
            List<String> lines = Files.readAllLines(file);
            return new Csv(List.of(lines.get(0).split(",", -1)),
                    lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList());
        }

        String get(int row, String column) {
            int at = header.indexOf(column);
            assertTrue(at >= 0, "no column " + column + " in " + header);
            return rows.get(row)[at];
        }
    }
}

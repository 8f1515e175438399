package org.vogstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.data.NpyArray;
import org.vogstream.core.stats.CalibrationStats;
import org.vogstream.core.stats.StatsJson;
import org.vogstream.core.testing.CheckpointDirs;

/** vog calibrate, vog score and vog bench on a generated checkpoint set and reference set. */
class ScoringCommandsTest {
    @TempDir
    static Path dir;

    static Path models;
    static Path reference;
    static Path labels;

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
        List<String> rows = Files.readAllLines(csv);
        assertEquals(ScoreCommand.HEADER, rows.get(0));
        assertEquals(401, rows.size());
        String[] first = rows.get(1).split(",", -1);
        assertEquals("0", first[0]);
        assertEquals(9, first.length);
        assertTrue(Double.parseDouble(first[2]) > 0, rows.get(1));
        assertTrue(first[5].equals("class") || first[5].equals("pooled"), rows.get(1));
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
    void shouldPrintTheBenchTableAndTheTwoRatioLinesLast() {
        VogCli.Run bench = VogCli.run("bench", "--model-dir", models.toString(), "--batch", "1,64", "--seconds", "0.2");
        assertEquals(0, bench.code(), bench.err());
        List<String> lines = bench.out().lines().toList();
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
        List<String> rows = Files.readAllLines(out.resolve("ranked.csv"));
        assertEquals("rank,id,class,vog,predicted_class,msp,label,correct", rows.get(0));
        assertEquals(401, rows.size());
        double previous = -1;
        for (String row : rows.subList(1, rows.size())) {
            double vog = Double.parseDouble(row.split(",")[3]);
            assertTrue(vog >= previous, "ranked by increasing VoG");
            previous = vog;
        }
        for (String f : List.of("all-lowest.png", "all-highest.png", "error-by-decile.png")) {
            assertTrue(Files.size(out.resolve(f)) > 1_000, f);
        }
        assertTrue(Files.list(out).anyMatch(p -> p.getFileName().toString().matches("class-\\d-highest\\.png")));
        assertTrue(run.out().startsWith("error by VoG decile (lowest first): ["), run.out());
    }

    @Test
    void shouldExplainAnUnknownDevice() {
        VogCli.Run run = VogCli.run("score", "--model-dir", models.toString(), "--data", reference.toString(),
                "--device", "tpu", "--out", dir.resolve("y.csv").toString());
        assertEquals(VogCommand.INVALID_INPUT, run.code());
        assertEquals("error: device 'tpu' is not one of cpu, cuda, cuda:<index>", run.err().trim());
    }
}

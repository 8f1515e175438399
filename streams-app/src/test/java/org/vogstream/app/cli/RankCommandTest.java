package org.vogstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.data.InferenceEvent;
import org.vogstream.core.data.InferenceEventCodec;
import org.vogstream.core.testing.CheckpointDirs;

/** vog rank's ranked.csv, read back by a CSV parser. */
class RankCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldKeepIdsWithCommasAndQuotesInOneFieldWhenWritingRankedCsv() throws IOException {
        Path models = CheckpointDirs.lenet(Files.createDirectories(dir.resolve("models")), 3, 90, 3);
        Random r = new Random(3);
        Set<String> ids = new TreeSet<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = i % 2 == 0 ? "digit " + i + ", \"seen\" twice" : "plain-" + i;
            ids.add(id);
            float[] pixels = new float[144];
            for (int j = 0; j < pixels.length; j++) {
                pixels[j] = r.nextFloat();
            }
            InferenceEvent e = new InferenceEvent(id, "m", 1000L + i, new long[] {1, 12, 12}, pixels, OptionalInt.of(i % 3),
                    null, Map.of());
            lines.add(new String(InferenceEventCodec.encode(e), StandardCharsets.UTF_8));
        }
        Path data = Files.write(dir.resolve("events.jsonl"), lines);
        Path out = dir.resolve("rank");

        VogCli.Run run = VogCli.run("rank", "--model-dir", models.toString(), "--data", data.toString(), "--out",
                out.toString());

        assertEquals(0, run.code(), run.err());
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader().withStrictHeaders(true)).readValues(out.resolve("ranked.csv").toFile())) {
            rows = it.readAll();
        }
        assertEquals(20, rows.size());
        assertEquals(List.of("rank", "id", "class", "vog", "predicted_class", "msp", "label", "correct"),
                List.copyOf(rows.get(0).keySet()));
        assertEquals(ids, new TreeSet<>(rows.stream().map(row -> row.get("id")).toList()));
        for (Map<String, String> row : rows) {
            assertEquals(8, row.size(), row.toString());
            assertEquals(Boolean.toString(row.get("label").equals(row.get("predicted_class"))), row.get("correct"));
        }
    }

    /** Pixels whose three channels differ: only a heatmap colours a grid of grayscale digits. */
    private static long colouredPixels(Path png) throws IOException {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        long coloured = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int v = image.getRGB(x, y);
                int red = (v >> 16) & 0xFF;
                int green = (v >> 8) & 0xFF;
                coloured += red != green || green != (v & 0xFF) ? 1 : 0;
            }
        }
        return coloured;
    }

    @Test
    void shouldDrawEachExamplesHeatmapOverItWithStatistics() throws IOException {
        Path bundled = Path.of("..", "models", "mnist-lenet");
        Path digits = bundled.resolve("test-digits.npy");
        Path plain = dir.resolve("plain");
        Path overlaid = dir.resolve("overlaid");

        VogCli.Run without = VogCli.run("rank", "--model-dir", bundled.toString(), "--data", digits.toString(), "--out",
                plain.toString());
        VogCli.Run with = VogCli.run("rank", "--model-dir", bundled.toString(), "--data", digits.toString(), "--out",
                overlaid.toString(), "--stats", bundled.resolve("stats.json").toString());

        assertEquals(0, without.code(), without.err());
        assertEquals(0, with.code(), with.err());
        // the captions are black text on white: anti-aliasing leaves them gray too
        assertEquals(0, colouredPixels(plain.resolve("all-highest.png")));
        long coloured = colouredPixels(overlaid.resolve("all-highest.png"));
        assertTrue(coloured > 25 * 84 * 84 / 10, "the highest-VoG digits depart from their classes somewhere: " + coloured);
    }
}

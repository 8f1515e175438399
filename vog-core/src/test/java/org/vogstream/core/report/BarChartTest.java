package org.vogstream.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PNG read back: bars measured in pixels of their series' colour. */
class BarChartTest {
    private static final int BLUE = 0x1f77b4;
    private static final int ORANGE = 0xff7f0e;

    @TempDir
    Path dir;

    /**
     * Heights in pixels of the bars of colour {@code rgb}, left to right: runs of adjacent columns whose
     * longest vertical stretch of that colour is taller than a legend swatch.
     */
    private static List<Integer> barHeights(BufferedImage image, int rgb) {
        List<Integer> bars = new ArrayList<>();
        boolean inBar = false;
        for (int x = 0; x < image.getWidth(); x++) {
            int longest = 0;
            int run = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                run = (image.getRGB(x, y) & 0xFFFFFF) == rgb ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
            boolean bar = longest > 15;
            if (bar && !inBar) {
                bars.add(longest);
            } else if (bar) {
                bars.set(bars.size() - 1, Math.max(bars.get(bars.size() - 1), longest));
            }
            inBar = bar;
        }
        return bars;
    }

    @Test
    void shouldDrawBarsInProportionClippedToTheAxisAndNoneForNan() throws IOException {
        Path file = dir.resolve("charts").resolve("deciles.png");
        BarChart.write(file, "Error by decile", "error", List.of("1", "2", "3"), List.of("late", "early"),
                new double[][] {{0.1, 0.5, 3.0}, {Double.NaN, 0.2, 0.4}}, 1.0);

        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(640, image.getWidth());
        assertEquals(420, image.getHeight());
        List<Integer> blue = barHeights(image, BLUE);
        List<Integer> orange = barHeights(image, ORANGE);
        assertEquals(3, blue.size(), blue.toString());
        assertEquals(2, orange.size(), "no bar for NaN: " + orange);
        assertEquals(5.0, blue.get(1) / (double) blue.get(0), 0.3, blue.toString());
        assertEquals(2.0, blue.get(2) / (double) blue.get(1), 0.1, "3.0 clipped to the axis maximum 1.0: " + blue);
        assertEquals(2.0, orange.get(1) / (double) orange.get(0), 0.1, orange.toString());
    }
}

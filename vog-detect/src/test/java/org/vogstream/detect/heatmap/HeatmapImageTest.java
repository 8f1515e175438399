package org.vogstream.detect.heatmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The PNGs decoded again and read pixel by pixel. */
class HeatmapImageTest {
    private static BufferedImage decode(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static int[] rgb(BufferedImage image, int x, int y) {
        int v = image.getRGB(x, y);
        return new int[] {(v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF};
    }

    private static Heatmap heatmap(int rows, int cols, int hotRow, int hotCol, float hot) {
        float[] values = new float[rows * cols];
        values[hotRow * cols + hotCol] = hot;
        return new Heatmap(new int[] {rows, cols}, values, List.of(new Heatmap.Cell(hotRow, hotCol, hot)));
    }

    @Test
    void shouldEnlargeTheInputInGray() throws IOException {
        float[] pixels = new float[28 * 28];
        pixels[5 * 28 + 9] = 1f;
        pixels[6 * 28 + 9] = 0.5f;

        BufferedImage image = decode(HeatmapImage.inputPng(new long[] {1, 28, 28}, pixels, 224));

        assertEquals(224, image.getWidth());
        assertEquals(224, image.getHeight());
        assertArrayEquals(new int[] {255, 255, 255}, rgb(image, 9 * 8 + 3, 5 * 8 + 3));
        assertArrayEquals(new int[] {128, 128, 128}, rgb(image, 9 * 8 + 3, 6 * 8 + 3));
        assertArrayEquals(new int[] {0, 0, 0}, rgb(image, 0, 0));
    }

    @Test
    void shouldColourTheDepartingCellAndLeaveQuietCellsGray() throws IOException {
        float[] pixels = new float[28 * 28];
        java.util.Arrays.fill(pixels, 0.5f);

        BufferedImage image = decode(HeatmapImage.overlayPng(new long[] {1, 28, 28}, pixels,
                heatmap(28, 28, 3, 20, 100f), 224));

        int[] hot = rgb(image, 20 * 8 + 4, 3 * 8 + 4);
        int[] quiet = rgb(image, 2 * 8 + 4, 20 * 8 + 4);
        assertArrayEquals(new int[] {128, 128, 128}, quiet, "a zero cell leaves the input as it was");
        int[] top = HeatmapImage.colour(1);
        for (int k = 0; k < 3; k++) {
            assertEquals(Math.round(0.25 * 128 + 0.75 * top[k]), hot[k], 1, "a saturated cell, channel " + k);
        }
        assertEquals(true, image.getWidth() > 224, "the colour scale sits beside the image");
    }

    @Test
    void shouldSpreadACellOverThePixelsItPooled() throws IOException {
        // 224×224 pools 7×7 pixels per cell onto 32×32 cells
        float[] pixels = new float[3 * 224 * 224];
        BufferedImage image = decode(HeatmapImage.overlayPng(new long[] {3, 224, 224}, pixels,
                heatmap(32, 32, 1, 2, 3f), 224));

        assertNotEquals(0, image.getRGB(2 * 7, 7) & 0xFFFFFF, "first pixel of cell (1, 2)");
        assertNotEquals(0, image.getRGB(2 * 7 + 6, 7 + 6) & 0xFFFFFF, "last pixel of cell (1, 2)");
        assertEquals(0, image.getRGB(2 * 7 + 7, 7) & 0xFFFFFF, "first pixel of cell (1, 3)");
        assertEquals(0, image.getRGB(2 * 7, 6) & 0xFFFFFF, "last pixel of cell (0, 2)");
    }

    @Test
    void shouldRefuseAHeatmapOfAnotherGrid() {
        float[] pixels = new float[28 * 28];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HeatmapImage.overlayPng(new long[] {1, 28, 28}, pixels, heatmap(14, 14, 0, 0, 1f), 224));
        assertEquals("a heatmap of 14×14 cells does not fit an input of shape [1, 28, 28]", e.getMessage());
    }

    @Test
    void shouldRefuseInputsThatAreNotImages() {
        assertThrows(IllegalArgumentException.class, () -> HeatmapImage.inputPng(new long[] {784}, new float[784], 224));
    }
}

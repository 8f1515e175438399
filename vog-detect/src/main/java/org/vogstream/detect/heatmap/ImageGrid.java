package org.vogstream.detect.heatmap;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A grid of images (grayscale [H, W] / [1, H, W], or RGB [3, H, W], values in [0, 1]) with captions,
 * as PNG; with heatmaps, each drawn over its image as in {@link HeatmapImage}.
 */
public final class ImageGrid {
    private ImageGrid() {}

    /** Whether examples of this shape can be drawn. */
    public static boolean drawable(long[] dims) {
        return HeatmapImage.drawable(dims);
    }

    public static void write(Path file, String title, long[] dims, List<float[]> images, List<String> captions,
            int columns) throws IOException {
        write(file, title, dims, images, null, captions, columns);
    }

    /** @param heatmaps one per image (null elements: none), drawn over it; null for none at all */
    public static void write(Path file, String title, long[] dims, List<float[]> images, List<Heatmap> heatmaps,
            List<String> captions, int columns) throws IOException {
        int h = (int) dims[dims.length - 2];
        int w = (int) dims[dims.length - 1];
        int scale = Math.max(1, 84 / Math.max(h, w));
        int cellW = w * scale + 8;
        int cellH = h * scale + 22;
        int rows = (images.size() + columns - 1) / columns;
        BufferedImage image = new BufferedImage(Math.max(columns * cellW, 320), rows * cellH + 28, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(title, 4, 16);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int i = 0; i < images.size(); i++) {
            int x0 = (i % columns) * cellW + 4;
            int y0 = (i / columns) * cellH + 26;
            HeatmapImage.draw(g, x0, y0, scale, dims, images.get(i), heatmaps == null ? null : heatmaps.get(i));
            g.setColor(Color.BLACK);
            g.drawString(captions.get(i), x0, y0 + h * scale + 12);
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }
}

package org.vogstream.detect.heatmap;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.vogstream.core.compile.VogMapGrid;

/**
 * Draws an example (grayscale [H, W] / [1, H, W] or RGB [3, H, W], values in [0, 1]) and, over it,
 * its {@link Heatmap}: each pixel takes the colour of the grid cell that pooled it (the cells of
 * {@link VogMapGrid}), blended more strongly the larger the cell's value.
 *
 * <p>The colour scale is fixed, 0 to {@value #SCALE_MAX} class spreads, rather than stretched per
 * image: an auditor comparing two alerts must be able to trust that the same colour means the same
 * departure. Under the overlay the input is drawn in gray so the colours stay readable on RGB inputs.
 */
public final class HeatmapImage {
    /** The value, in class spreads, at which the colour saturates. */
    public static final double SCALE_MAX = 6;
    /** How far the most departing cells cover the input. */
    private static final double MAX_OPACITY = 0.75;
    /** Anchors of the colour scale, low to high: dark purple through red to pale yellow (inferno-like). */
    private static final int[][] ANCHORS = {{0, 0, 4}, {87, 16, 110}, {188, 55, 84}, {249, 142, 9}, {252, 255, 164}};
    private static final int BAR_WIDTH = 14;
    private static final int BAR_LABELS = 44;

    private HeatmapImage() {}

    /** The input alone, enlarged to about {@code side} pixels, as PNG. */
    public static byte[] inputPng(long[] dims, float[] pixels, int side) {
        int scale = scaleFor(dims, side);
        BufferedImage image = new BufferedImage(width(dims) * scale, height(dims) * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        draw(g, 0, 0, scale, dims, pixels, null);
        g.dispose();
        return png(image);
    }

    /** The input with the heatmap over it and the colour scale beside it, as PNG. */
    public static byte[] overlayPng(long[] dims, float[] pixels, Heatmap heatmap, int side) {
        int scale = scaleFor(dims, side);
        int w = width(dims) * scale;
        int h = height(dims) * scale;
        BufferedImage image = new BufferedImage(w + 8 + BAR_WIDTH + BAR_LABELS, Math.max(h, 60),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        draw(g, 0, 0, scale, dims, pixels, heatmap);
        drawScale(g, w + 8, 0, h);
        g.dispose();
        return png(image);
    }

    /**
     * Draws one example at (x0, y0), each pixel a {@code scale}×{@code scale} square, with the heatmap
     * over it when one is given.
     */
    public static void draw(Graphics2D g, int x0, int y0, int scale, long[] dims, float[] pixels, Heatmap heatmap) {
        int h = height(dims);
        int w = width(dims);
        boolean rgb = dims.length == 3 && dims[0] == 3;
        long[] cellSize = heatmap == null ? null : cellSize(dims, heatmap);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int r;
                int gr;
                int b;
                if (rgb) {
                    r = level(pixels[p]);
                    gr = level(pixels[h * w + p]);
                    b = level(pixels[2 * h * w + p]);
                } else {
                    r = gr = b = level(pixels[p]);
                }
                if (heatmap != null) {
                    int gray = rgb ? (r * 299 + gr * 587 + b * 114) / 1000 : r;
                    double v = heatmap.at((int) (y / cellSize[0]), (int) (x / cellSize[1]));
                    double t = Math.min(1, Math.max(0, v / SCALE_MAX));
                    int[] c = colour(t);
                    double a = MAX_OPACITY * t;
                    r = blend(gray, c[0], a);
                    gr = blend(gray, c[1], a);
                    b = blend(gray, c[2], a);
                }
                g.setColor(new Color(r, gr, b));
                g.fillRect(x0 + x * scale, y0 + y * scale, scale, scale);
            }
        }
    }

    /** Whether examples of this shape can be drawn. */
    public static boolean drawable(long[] dims) {
        return dims.length == 2 || dims.length == 3 && (dims[0] == 1 || dims[0] == 3);
    }

    /** The colour of a position on the scale, t in [0, 1]. */
    static int[] colour(double t) {
        double pos = t * (ANCHORS.length - 1);
        int i = Math.min(ANCHORS.length - 2, (int) pos);
        double f = pos - i;
        int[] c = new int[3];
        for (int k = 0; k < 3; k++) {
            c[k] = (int) Math.round(ANCHORS[i][k] + f * (ANCHORS[i + 1][k] - ANCHORS[i][k]));
        }
        return c;
    }

    private static void drawScale(Graphics2D g, int x0, int y0, int h) {
        for (int y = 0; y < h; y++) {
            int[] c = colour(1 - y / (double) Math.max(1, h - 1));
            g.setColor(new Color(c[0], c[1], c[2]));
            g.fillRect(x0, y0 + y, BAR_WIDTH, 1);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.drawString(String.format(Locale.ROOT, "≥%.0fσ", SCALE_MAX), x0 + BAR_WIDTH + 3, y0 + 10);
        g.drawString(String.format(Locale.ROOT, "%.0fσ", SCALE_MAX / 2), x0 + BAR_WIDTH + 3, y0 + h / 2 + 4);
        g.drawString("0", x0 + BAR_WIDTH + 3, y0 + h - 2);
    }

    /**
     * Pixels per cell along [H, W], from the same grid the compiled graph pooled with. An input of
     * shape [H, W] is one channel-less axis to the compiler ([C, L]: a one-axis map), so its cells
     * span every row.
     */
    private static long[] cellSize(long[] dims, Heatmap heatmap) {
        VogMapGrid grid = VogMapGrid.of(dims);
        long[] cells = grid.mapDims();
        long[] size = grid.cellSize();
        long rows = cells.length == 2 ? cells[0] : 1;
        long cols = cells[cells.length - 1];
        if (rows != heatmap.rows() || cols != heatmap.cols()) {
            throw new IllegalArgumentException("a heatmap of " + heatmap.rows() + "×" + heatmap.cols()
                    + " cells does not fit an input of shape " + java.util.Arrays.toString(dims));
        }
        return new long[] {cells.length == 2 ? size[size.length - 2] : height(dims), size[size.length - 1]};
    }

    private static int scaleFor(long[] dims, int side) {
        if (!drawable(dims)) {
            throw new IllegalArgumentException("inputs of shape " + java.util.Arrays.toString(dims)
                    + " are not images ([H, W], [1, H, W] or [3, H, W])");
        }
        return Math.max(1, side / Math.max(height(dims), width(dims)));
    }

    private static int height(long[] dims) {
        return (int) dims[dims.length - 2];
    }

    private static int width(long[] dims) {
        return (int) dims[dims.length - 1];
    }

    private static int blend(int under, int over, double a) {
        return (int) Math.round((1 - a) * under + a * over);
    }

    private static int level(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding to memory failed", e);
        }
        return out.toByteArray();
    }
}

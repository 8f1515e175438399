package org.vogstream.core.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Grouped bar charts drawn with Java2D, for reports (PNG). */
public final class BarChart {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};

    private BarChart() {}

    /**
     * @param groups labels along the x axis
     * @param series names of the bars within a group
     * @param values values[series][group]
     */
    public static void write(Path file, String title, String yLabel, List<String> groups, List<String> series, double[][] values,
            double yMax) throws IOException {
        int width = Math.max(640, 60 + groups.size() * (series.size() * 14 + 18));
        int height = 420;
        int left = 60;
        int bottom = 110;
        int top = 40;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int plotH = height - top - bottom;
        int plotW = width - left - 20;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int t = 0; t <= 5; t++) {
            double v = yMax * t / 5;
            int y = top + plotH - (int) (plotH * v / yMax);
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(left, y, left + plotW, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.2f", v), 8, y + 4);
        }
        g.drawString(yLabel, 8, top - 8);
        double groupW = (double) plotW / groups.size();
        double barW = Math.max(3, (groupW - 10) / series.size());
        for (int gi = 0; gi < groups.size(); gi++) {
            for (int si = 0; si < series.size(); si++) {
                double v = Math.max(0, Math.min(yMax, values[si][gi]));
                int h = (int) (plotH * v / yMax);
                int x = (int) (left + gi * groupW + 5 + si * barW);
                g.setColor(PALETTE[si % PALETTE.length]);
                g.fillRect(x, top + plotH - h, (int) Math.ceil(barW) - 1, h);
            }
            g.setColor(Color.BLACK);
            Graphics2D rotated = (Graphics2D) g.create();
            int lx = (int) (left + gi * groupW + groupW / 2);
            rotated.rotate(Math.toRadians(-45), lx, top + plotH + 10);
            rotated.drawString(groups.get(gi), lx - rotated.getFontMetrics().stringWidth(groups.get(gi)), top + plotH + 14);
            rotated.dispose();
        }
        g.setStroke(new BasicStroke(1));
        g.drawLine(left, top + plotH, left + plotW, top + plotH);
        int lx = left;
        for (int si = 0; si < series.size(); si++) {
            g.setColor(PALETTE[si % PALETTE.length]);
            g.fillRect(lx, height - 18, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(series.get(si), lx + 14, height - 9);
            lx += 24 + g.getFontMetrics().stringWidth(series.get(si));
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }
}

package org.vogstream.core.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;

/** Grouped bar charts for reports, drawn by XChart into PNG files. */
public final class BarChart {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};

    private BarChart() {}

    /**
     * @param groups labels along the x axis
     * @param series names of the bars within a group
     * @param values values[series][group]; drawn clipped to [0, yMax], a NaN as no bar
     */
    public static void write(Path file, String title, String yLabel, List<String> groups, List<String> series, double[][] values,
            double yMax) throws IOException {
        int width = Math.max(640, 60 + groups.size() * (series.size() * 14 + 18));
        CategoryChart chart = new CategoryChartBuilder().width(width).height(420).title(title).yAxisTitle(yLabel).build();
        var style = chart.getStyler();
        style.setLocale(Locale.ROOT);
        style.setChartBackgroundColor(Color.WHITE);
        style.setPlotBorderVisible(false);
        style.setPlotGridVerticalLinesVisible(false);
        style.setSeriesColors(PALETTE);
        style.setYAxisMin(0.0);
        style.setYAxisMax(yMax);
        style.setYAxisDecimalPattern("0.00");
        style.setXAxisLabelRotation(groups.size() > 10 ? 45 : 0);
        style.setLegendPosition(LegendPosition.OutsideS);
        style.setLegendLayout(LegendLayout.Horizontal);
        style.setLegendBorderColor(Color.WHITE);
        for (int s = 0; s < series.size(); s++) {
            // XChart draws past the axis maximum and cannot draw NaN: clip, as the axis promises
            List<Double> bars = Arrays.stream(values[s]).map(v -> Double.isNaN(v) ? 0 : Math.max(0, Math.min(yMax, v)))
                    .boxed().toList();
            chart.addSeries(series.get(s), groups, bars);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}

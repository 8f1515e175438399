package org.vogstream.train.experiments;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.score.OnnxSession;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.train.data.LabeledImages;

/**
 * The paper's Fig. 1a for the toy experiment, drawn by XChart: the test points coloured by VoG (in
 * {@value #BINS} equal-width bands, one legend entry each) over the decision boundary of the last checkpoint.
 */
final class ToyFigure {
    private static final double LO = -6;
    private static final double HI = 6;
    /** Cells per side of the lattice the boundary is traced on. */
    private static final int GRID = 400;
    private static final int BINS = 6;
    /** XChart sizes every series' markers alike; the boundary's stay small enough to read as a line. */
    private static final Marker BOUNDARY_DOT = new Marker() {
        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            SeriesMarkers.CIRCLE.paint(g, x, y, 3);
        }
    };

    private ToyFigure() {}

    static void write(Path checkpoint, LabeledImages points, double[] vog, int checkpoints, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(640)
                .title(String.format(Locale.ROOT, "VoG of test points over %d checkpoints (dark: low, yellow: high)", checkpoints))
                .xAxisTitle("x1").yAxisTitle("x2").build();
        var style = chart.getStyler();
        style.setLocale(Locale.ROOT);
        style.setChartBackgroundColor(Color.WHITE);
        style.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        style.setXAxisMin(LO);
        style.setXAxisMax(HI);
        style.setYAxisMin(LO);
        style.setYAxisMax(HI);
        style.setLegendPosition(LegendPosition.OutsideE);
        double[][] boundary = boundary(checkpoint);
        if (boundary[0].length > 0) {
            chart.addSeries("boundary", boundary[0], boundary[1]).setMarker(BOUNDARY_DOT).setMarkerColor(Color.GRAY);
        }
        addVogBands(chart, points, vog);
        style.setMarkerSize(9);
        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    // XChart colours a series, not a point: one series per VoG band
    private static void addVogBands(XYChart chart, LabeledImages points, double[] vog) {
        double min = Arrays.stream(vog).min().orElse(0);
        double width = Math.max(1e-12, Arrays.stream(vog).max().orElse(1) - min) / BINS;
        for (int band = 0; band < BINS; band++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < points.count(); i++) {
                if (Math.min(BINS - 1, (int) ((vog[i] - min) / width)) == band) {
                    float[] p = points.example(i);
                    xs.add((double) p[0]);
                    ys.add((double) p[1]);
                }
            }
            if (!xs.isEmpty()) {
                String name = String.format(Locale.ROOT, "VoG %.3g to %.3g", min + band * width, min + (band + 1) * width);
                chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.CIRCLE).setMarkerColor(heat((band + 0.5) / BINS));
            }
        }
    }

    /** Cell centres where the predicted class differs from the cell's left or upper neighbour: {xs, ys}. */
    private static double[][] boundary(Path checkpoint) {
        float[] cells = new float[GRID * GRID * 2];
        for (int r = 0; r < GRID; r++) {
            for (int c = 0; c < GRID; c++) {
                cells[2 * (r * GRID + c)] = (float) coordinate(c);
                cells[2 * (r * GRID + c) + 1] = (float) coordinate(r);
            }
        }
        float[] logits;
        try (OnnxSession forward = OnnxSession.load("toy-forward", Checkpoint.read(checkpoint).model(), ScorerConfig.defaults())) {
            logits = forward.run(m -> {
                NDArray x = m.create(FloatBuffer.wrap(cells), new Shape((long) GRID * GRID, 2));
                x.setName("input");
                return new NDList(x);
            }, o -> o.get(0).toFloatArray());
        }
        List<double[]> edge = new ArrayList<>();
        for (int r = 0; r < GRID; r++) {
            for (int c = 0; c < GRID; c++) {
                boolean one = classOne(logits, r * GRID + c);
                if ((c > 0 && one != classOne(logits, r * GRID + c - 1)) || (r > 0 && one != classOne(logits, (r - 1) * GRID + c))) {
                    edge.add(new double[] {coordinate(c), coordinate(r)});
                }
            }
        }
        return new double[][] {edge.stream().mapToDouble(p -> p[0]).toArray(), edge.stream().mapToDouble(p -> p[1]).toArray()};
    }

    private static double coordinate(int cell) {
        return LO + (HI - LO) * cell / (GRID - 1);
    }

    private static boolean classOne(float[] logits, int cell) {
        return logits[2 * cell + 1] > logits[2 * cell];
    }

    /** Dark blue (0) through red to yellow (1). */
    static Color heat(double t) {
        t = Math.max(0, Math.min(1, t));
        float r = (float) Math.min(1, 2 * t);
        float gr = (float) Math.max(0, 2 * t - 1);
        float b = (float) Math.max(0, 0.5 - t);
        return new Color(r, gr, b + 0.1f > 1 ? 1 : b + 0.1f);
    }
}

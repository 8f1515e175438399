package org.vogstream.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.vogstream.core.cli.JobCommand;
import org.vogstream.core.data.Example;
import org.vogstream.core.data.ExampleFiles;
import org.vogstream.core.data.TensorDtype;
import org.vogstream.core.eval.ErrorByDecile;
import org.vogstream.core.progress.ProgressBar;
import org.vogstream.core.report.BarChart;
import org.vogstream.core.score.BatchScoring;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.Score;
import org.vogstream.core.score.VogScorer;
import org.vogstream.detect.decide.Detector;
import org.vogstream.detect.heatmap.Heatmap;
import org.vogstream.detect.heatmap.ImageGrid;
import org.vogstream.detect.stats.Labels;
import org.vogstream.detect.stats.StatsLookup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vog rank}: audit a data set by VoG — a ranked CSV, grids of the 25 lowest and highest VoG
 * examples overall and per class (the paper's Fig. 2, 3, 7), and the error by VoG decile when labels
 * are known. With statistics, each grid image carries its heatmap, as alerts do.
 */
@Command(name = "rank", mixinStandardHelpOptions = true,
        description = "Rank examples by VoG: ranked.csv, PNG grids of the 25 lowest and highest VoG examples (overall"
                + " and, with --per-class, per class), and error-by-decile when labels are known.")
public final class RankCommand extends JobCommand {
    private static final int GRID = 25;

    @Mixin
    ScorerOptions scorer;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "JSONL inference events or a .npy array.")
    Path data;

    @Option(names = "--data-labels", paramLabel = "FILE", description = "Integer labels [N] (.npy) for .npy data.")
    Path dataLabels;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--stats", paramLabel = "FILE",
            description = "Class statistics from vog calibrate: the grids show each example's heatmap (where its VoG"
                    + " map departs from its predicted class, as on alerts) over it.")
    Path statsFile;

    @Option(names = "--per-class", description = "Also write grids per class.")
    boolean perClass;

    @Option(names = "--labels", defaultValue = "predicted", paramLabel = "predicted|true",
            description = "VoG of (and grouping by) the predicted class or the true label (default: ${DEFAULT-VALUE}).")
    String labels;

    private Detector detector;
    private String modelSet;

    private record Ranked(Example example, Score score, int cls, double vog) {}

    @Override
    public Integer call() throws Exception {
        Labels grouping = Labels.parse(labels);
        List<Example> examples = ExampleFiles.read(data, dataLabels);
        boolean labelled = examples.stream().allMatch(e -> e.label().isPresent());
        if (grouping == Labels.TRUE && !labelled) {
            throw new IllegalArgumentException("--labels true needs every example labelled");
        }
        ModelSet set = scorer.modelSet();
        detector = statsFile == null ? null : new Detector(StatsLookup.of(StatsFiles.readFor(statsFile, set)));
        modelSet = set.id();
        List<Score> scores;
        try (VogScorer vog = VogScorer.open(set, scorer.config());
                ProgressBar bar = new ProgressBar(System.err, "ranking", examples.size())) {
            scores = BatchScoring.scoreAll(vog, examples, scorer.batchSize, grouping == Labels.TRUE, bar::update);
        }
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            Score s = scores.get(i);
            boolean byTrue = grouping == Labels.TRUE;
            ranked.add(new Ranked(examples.get(i), s, byTrue ? examples.get(i).label().getAsInt() : s.predictedClass(),
                    byTrue ? s.targetVog().getAsDouble() : s.vog()));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::vog));
        Files.createDirectories(out);
        writeCsv(ranked, labelled);
        List<String> written = new ArrayList<>(List.of("ranked.csv"));
        long[] dims = examples.get(0).shape();
        if (ImageGrid.drawable(dims)) {
            written.addAll(grids("all", ranked, dims));
            if (perClass) {
                TreeMap<Integer, List<Ranked>> byClass = new TreeMap<>();
                ranked.forEach(r -> byClass.computeIfAbsent(r.cls, c -> new ArrayList<>()).add(r));
                for (var e : byClass.entrySet()) {
                    written.addAll(grids("class-" + e.getKey(), e.getValue(), dims));
                }
            }
        }
        if (labelled) {
            double[] v = ranked.stream().mapToDouble(Ranked::vog).toArray();
            boolean[] wrong = new boolean[v.length];
            IntStream.range(0, v.length).forEach(i -> wrong[i] = ranked.get(i).score.predictedClass()
                    != ranked.get(i).example.label().getAsInt());
            double[] errors = ErrorByDecile.of(v, wrong);
            double max = java.util.Arrays.stream(errors).max().orElse(0);
            BarChart.write(out.resolve("error-by-decile.png"), "Error by VoG decile (1 = lowest VoG)", "error",
                    List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), List.of("error rate"),
                    new double[][] {errors}, Math.max(0.05, Math.ceil(max * 20) / 20));
            written.add("error-by-decile.png");
            out().printf(Locale.ROOT, "error by VoG decile (lowest first): %s%n",
                    java.util.Arrays.stream(errors).mapToObj(e -> String.format(Locale.ROOT, "%.3f", e)).toList());
        }
        out().printf("ranked %d examples -> %s: %s%n", ranked.size(), out, written);
        out().flush();
        return 0;
    }

    private void writeCsv(List<Ranked> ranked, boolean labelled) throws java.io.IOException {
        List<String> columns = new ArrayList<>(List.of("rank", "id", "class", "vog", "predicted_class", "msp"));
        if (labelled) {
            columns.addAll(List.of("label", "correct"));
        }
        try (CsvFile csv = CsvFile.create(out.resolve("ranked.csv"), columns)) {
            for (int i = 0; i < ranked.size(); i++) {
                Ranked r = ranked.get(i);
                List<Object> row = new ArrayList<>(List.of(i + 1, r.example.id(), r.cls,
                        String.format(Locale.ROOT, "%.8g", r.vog), r.score.predictedClass(),
                        String.format(Locale.ROOT, "%.6f", r.score.confidence())));
                if (labelled) {
                    int label = r.example.label().getAsInt();
                    row.addAll(List.of(label, label == r.score.predictedClass()));
                }
                csv.row(row);
            }
        }
    }

    /** An example as the grids draw it, in [0, 1]: uint8 pixels are bytes, not yet the model's scaled input. */
    private static float[] image(Example e) {
        if (e.dtype() != TensorDtype.UINT8) {
            return e.values();
        }
        float[] out = new float[e.values().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = e.values()[i] / 255f;
        }
        return out;
    }

    private List<String> grids(String name, List<Ranked> sorted, long[] dims) throws java.io.IOException {
        List<Ranked> lowest = sorted.subList(0, Math.min(GRID, sorted.size()));
        List<Ranked> highest = new ArrayList<>(sorted.subList(Math.max(0, sorted.size() - GRID), sorted.size()));
        java.util.Collections.reverse(highest);
        String low = name + "-lowest.png";
        String high = name + "-highest.png";
        ImageGrid.write(out.resolve(low), name + ": " + lowest.size() + " lowest VoG", dims,
                lowest.stream().map(r -> image(r.example)).toList(), heatmaps(lowest), captions(lowest), 5);
        ImageGrid.write(out.resolve(high), name + ": " + highest.size() + " highest VoG", dims,
                highest.stream().map(r -> image(r.example)).toList(), heatmaps(highest), captions(highest), 5);
        return List.of(low, high);
    }

    /**
     * One per example drawn (only those: a map per example of a large set would not fit in memory),
     * null where there is none (no statistics, or statistics that predate the detector).
     */
    private List<Heatmap> heatmaps(List<Ranked> rs) {
        if (detector == null) {
            return null;
        }
        return rs.stream().map(r -> detector.detect(modelSet, r.score)
                .map(d -> Heatmap.of(d.reference().map(), r.score.vogMap())).orElse(null)).toList();
    }

    private static List<String> captions(List<Ranked> rs) {
        return rs.stream().map(r -> String.format(Locale.ROOT, "%d %.3f", r.cls, r.vog)).toList();
    }
}

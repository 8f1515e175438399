package org.vogstream.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vogstream.core.data.Example;
import org.vogstream.core.data.ExampleFiles;
import org.vogstream.core.progress.ProgressBar;
import org.vogstream.core.score.BatchScoring;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.Score;
import org.vogstream.core.score.VogScorer;
import java.util.Optional;
import org.vogstream.core.detect.Detection;
import org.vogstream.core.detect.Detector;
import org.vogstream.core.stats.CalibrationStats;
import org.vogstream.core.stats.StatsLookup;
import org.vogstream.core.stats.Normalized;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vog score}: a data file in, one CSV row of scores per example out. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score a file of examples offline: predicted class, VoG (class-normalized with --stats), MSP,"
                + " max logit, energy and (with --stats) the detector's VoG map score and alert score, as CSV.")
public final class ScoreCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("id", "predicted_class", "vog", "z", "percentile", "stats_scope", "msp",
            "max_logit", "energy", "vog_map_score", "ood_score", "ood_percentile");
    static final String HEADER = String.join(",", COLUMNS);

    @Mixin
    ScorerOptions scorer;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "JSONL inference events, or a .npy float32 array [N, ...].")
    Path data;

    @Option(names = "--stats", paramLabel = "FILE", description = "Class statistics from vog calibrate (adds z and percentile).")
    Path statsFile;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the CSV.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // before the scoring, not after it
        OutputFiles.requireFolder(out, "--out");
        List<Example> examples = ExampleFiles.read(data, null);
        ModelSet set = ModelSet.load(scorer.modelDir);
        CalibrationStats stats = statsFile == null ? null : StatsFiles.readFor(statsFile, set);
        List<Score> scores;
        try (VogScorer vog = VogScorer.open(set, scorer.config());
                ProgressBar bar = new ProgressBar(System.err, "scoring", examples.size())) {
            scores = BatchScoring.scoreAll(vog, examples, scorer.batchSize, false, bar::update);
        }
        Detector detector = stats == null ? null : new Detector(StatsLookup.of(stats));
        try (CsvFile csv = CsvFile.create(out, COLUMNS)) {
            for (int i = 0; i < scores.size(); i++) {
                csv.row(row(examples.get(i).id(), scores.get(i), set.id(), detector));
            }
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "scored %d examples with model set %s%s -> %s%n", scores.size(),
                set.id(), stats == null ? " (no --stats: z and percentile left empty)" : "", out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static List<String> row(String id, Score s, String modelSet, Detector detector) {
        String z = "";
        String percentile = "";
        String scope = "";
        String mapScore = "";
        String oodScore = "";
        String oodPercentile = "";
        if (detector != null) {
            Optional<Detector.Assessment> a = detector.assess(modelSet, s);
            Optional<Normalized> n = a.map(Detector.Assessment::vog);
            if (n.isPresent()) {
                z = String.format(Locale.ROOT, "%.6f", n.get().z());
                percentile = String.format(Locale.ROOT, "%.3f", n.get().percentile());
                scope = n.get().pooled() ? "pooled" : "class";
            }
            Optional<Detection> d = a.flatMap(Detector.Assessment::detection);
            if (d.isPresent()) {
                mapScore = String.format(Locale.ROOT, "%.6f", d.get().vogMapScore());
                oodScore = String.format(Locale.ROOT, "%.6f", d.get().oodScore());
                oodPercentile = String.format(Locale.ROOT, "%.3f", d.get().oodPercentile());
            }
        }
        return List.of(id, Integer.toString(s.predictedClass()), String.format(Locale.ROOT, "%.8g", s.vog()), z, percentile,
                scope, String.format(Locale.ROOT, "%.6f", s.confidence()), String.format(Locale.ROOT, "%.6f", s.maxLogit()),
                String.format(Locale.ROOT, "%.6f", s.energy()), mapScore, oodScore, oodPercentile);
    }
}

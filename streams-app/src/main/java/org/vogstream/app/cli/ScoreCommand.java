package org.vogstream.app.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vogstream.core.cli.JobCommand;
import org.vogstream.core.data.Example;
import org.vogstream.core.data.ExampleFiles;
import org.vogstream.core.progress.ProgressBar;
import org.vogstream.core.score.BatchScoring;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.Score;
import org.vogstream.core.score.VogScorer;
import org.vogstream.detect.decide.AlertDecider;
import org.vogstream.detect.decide.Decision;
import org.vogstream.detect.decide.Detector;
import org.vogstream.detect.decide.Detection;
import org.vogstream.detect.decide.Scope;
import org.vogstream.detect.decide.ThresholdSetting;
import org.vogstream.detect.decide.Thresholds;
import org.vogstream.detect.stats.CalibrationStats;
import org.vogstream.detect.stats.Normalized;
import org.vogstream.detect.stats.StatsLookup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vog score}: a data file in, one CSV row of scores per example out. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score a file of examples offline: predicted class, VoG (class-normalized with --stats), MSP,"
                + " max logit, energy and, with --stats, the detector's VoG map score and alert score and the verdict"
                + " the streaming detector would give (ood, threshold, its scope, reason), as CSV.")
public final class ScoreCommand extends JobCommand {
    /** Scopes that name a model never apply here (--threshold sets *), so no example's model name decides. */
    private static final String MODEL = "model";
    static final List<String> COLUMNS = List.of("id", "predicted_class", "vog", "z", "percentile", "stats_scope", "msp",
            "max_logit", "energy", "vog_map_score", "ood_score", "ood_percentile", "ood", "threshold", "threshold_scope",
            "reason");
    static final String HEADER = String.join(",", COLUMNS);

    @Mixin
    ScorerOptions scorer;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "JSONL inference events, or a .npy float32 or uint8 array [N, ...] (uint8 scaled by the"
                    + " model set's input.json).")
    Path data;

    @Option(names = "--stats", paramLabel = "FILE", description = "Class statistics from vog calibrate (adds z and percentile).")
    Path statsFile;

    @Option(names = "--threshold", paramLabel = "JSON", description = "The threshold for scope *, as vog publish-stats"
            + " --threshold and vog-config take it (default: the fused detector at target_fpr 0.01, as vog run).")
    String threshold;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the CSV.")
    Path out;

    @Override
    public Integer call() throws Exception {
        // before the scoring, not after it
        OutputFiles.requireFolder(out, "--out");
        Thresholds thresholds = Thresholds.NONE;
        if (threshold != null && statsFile == null) {
            throw new IllegalArgumentException("--threshold needs --stats: verdicts come from the class statistics");
        }
        if (threshold != null) {
            ThresholdSetting all = parseThreshold(threshold);
            thresholds = key -> key.equals(Scope.ALL.key()) ? Optional.of(all) : Optional.empty();
        }
        List<Example> examples = ExampleFiles.read(data, null);
        ModelSet set = scorer.modelSet();
        CalibrationStats stats = statsFile == null ? null : StatsFiles.readFor(statsFile, set);
        List<Score> scores;
        try (VogScorer vog = VogScorer.open(set, scorer.config());
                ProgressBar bar = new ProgressBar(System.err, "scoring", examples.size())) {
            scores = BatchScoring.scoreAll(vog, examples, scorer.batchSize, false, bar::update);
        }
        AlertDecider decider = stats == null ? null : new AlertDecider(StatsLookup.of(stats), thresholds, ThresholdSetting.DEFAULTS);
        try (CsvFile csv = CsvFile.create(out, COLUMNS)) {
            // assessed a batch at a time, as the streaming detector assesses its micro-batches
            for (int from = 0; from < scores.size(); from += scorer.batchSize) {
                List<Score> batch = scores.subList(from, Math.min(scores.size(), from + scorer.batchSize));
                List<Optional<Detector.Assessment>> assessed = decider == null
                        ? java.util.Collections.nCopies(batch.size(), Optional.empty()) : decider.assessAll(set.id(), batch);
                for (int i = 0; i < batch.size(); i++) {
                    Score s = batch.get(i);
                    Optional<Decision> d = assessed.get(i).map(a -> decider.decide(MODEL, s, a));
                    csv.row(row(examples.get(from + i).id(), s, d));
                }
            }
        }
        out().printf(Locale.ROOT, "scored %d examples with model set %s%s -> %s%n", scores.size(),
                set.id(), stats == null ? " (no --stats: z, percentile, the detector's scores and the verdict left empty)" : "", out);
        out().flush();
        return 0;
    }

    private static ThresholdSetting parseThreshold(String json) {
        try {
            return ThresholdSetting.parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--threshold: " + e.getMessage(), e);
        }
    }

    /** One row in {@link #COLUMNS}' order; what needs statistics is empty without them. */
    private static List<String> row(String id, Score s, Optional<Decision> decision) {
        Optional<Normalized> n = decision.map(Decision::vog);
        Optional<Detection> d = decision.flatMap(Decision::detection);
        return List.of(id, Integer.toString(s.predictedClass()), format("%.8g", s.vog()),
                n.map(v -> format("%.6f", v.z())).orElse(""), n.map(v -> format("%.3f", v.percentile())).orElse(""),
                n.map(v -> v.pooled() ? "pooled" : "class").orElse(""),
                format("%.6f", s.confidence()), format("%.6f", s.maxLogit()), format("%.6f", s.energy()),
                d.map(v -> format("%.6f", v.vogMapScore())).orElse(""), d.map(v -> format("%.6f", v.oodScore())).orElse(""),
                d.map(v -> format("%.3f", v.oodPercentile())).orElse(""),
                decision.map(v -> Boolean.toString(v.ood())).orElse(""),
                decision.map(v -> format("%.6f", v.verdict().value())).orElse(""),
                decision.map(v -> v.verdict().scope()).orElse(""),
                decision.filter(Decision::ood).map(Decision::reason).orElse(""));
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}

package org.vogstream.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.vogstream.app.config.TopicNames;
import org.vogstream.app.run.KafkaOptions;
import org.vogstream.core.cli.JobCommand;
import org.vogstream.core.data.Example;
import org.vogstream.core.data.ExampleFiles;
import org.vogstream.core.progress.ProgressBar;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.VogScorer;
import org.vogstream.detect.calibrate.Calibrator;
import org.vogstream.detect.stats.CalibrationStats;
import org.vogstream.detect.stats.ClassStats;
import org.vogstream.detect.stats.Labels;
import org.vogstream.detect.stats.StatsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vog calibrate}: per-class VoG statistics of a model set over a reference set. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Compute per-class statistics over a reference set the model did not train on: VoG moments and"
                + " quantiles, the per-cell VoG map reference, and the map-score, energy and fused-score distributions.")
public final class CalibrateCommand extends JobCommand {
    @Mixin
    ScorerOptions scorer;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Reference set: JSONL inference events, or a .npy float32 array [N, ...].")
    Path data;

    @Option(names = "--data-labels", paramLabel = "FILE", description = "Integer labels [N] (.npy) for .npy data.")
    Path dataLabels;

    @Option(names = "--map-data", paramLabel = "FILE",
            description = "Examples the detector fits its per-class VoG maps on (e.g. a sample of the training set);"
                    + " without it the maps are fitted on one half of --data and the distributions taken on the other.")
    Path mapData;

    @Option(names = "--labels", defaultValue = "predicted", paramLabel = "predicted|true",
            description = "Group by predicted class (as streaming scores) or by true label (default: ${DEFAULT-VALUE}).")
    String labels;

    @Option(names = "--min-count", defaultValue = "30", paramLabel = "N",
            description = "Classes with fewer reference examples are normalized by pooled statistics (default: ${DEFAULT-VALUE}).")
    int minCount;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the statistics (JSON).")
    Path out;

    @Option(names = "--publish", description = "Also write the statistics to the class statistics topic.")
    boolean publish;

    @Option(names = "--stats-topic", defaultValue = TopicNames.CLASS_STATS, description = "Topic for --publish (default: ${DEFAULT-VALUE}).")
    String statsTopic;

    @picocli.CommandLine.Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        if (out == null && !publish) {
            throw new IllegalArgumentException("nowhere to put the statistics: give --out FILE and/or --publish");
        }
        // maps fitted on the very examples whose distributions set the thresholds make those distributions too
        // tight: every alert rate in production would come out above its target
        if (mapData != null && Files.exists(mapData) && Files.exists(data) && Files.isSameFile(mapData, data)) {
            throw new IllegalArgumentException("--map-data and --data are the same file (" + data + "): the maps need"
                    + " examples of their own, e.g. a sample of the training set; without --map-data, --data is split in halves");
        }
        // the broker and the output folder are checked before the calibration, which can take minutes
        Properties clients = publish ? kafka.connect() : null;
        if (out != null) {
            OutputFiles.requireFolder(out, "--out");
        }
        Labels grouping = Labels.parse(labels);
        List<Example> reference = ExampleFiles.read(data, dataLabels);
        ModelSet set = scorer.modelSet();
        CalibrationStats stats;
        try (VogScorer vog = VogScorer.open(set, scorer.config());
                ProgressBar bar = new ProgressBar(System.err, "calibrating", reference.size())) {
            List<Example> maps = mapData == null ? List.of() : ExampleFiles.read(mapData, null);
            stats = Calibrator.calibrate(vog, reference, maps, grouping, scorer.batchSize, minCount, bar::update);
        }
        PrintWriter w = out();
        if (out != null) {
            StatsJson.write(stats, out);
        }
        if (publish) {
            int n = org.vogstream.app.kafka.StatsPublisher.publish(stats, clients, statsTopic);
            w.printf(Locale.ROOT, "published %d records to %s%n", n, statsTopic);
        }
        w.printf(Locale.ROOT, "model_set %s, %d reference examples, labels %s -> %s%n", stats.modelSet(),
                stats.pooled().count(), grouping.json(), out == null ? statsTopic : out);
        w.printf(Locale.ROOT, "%-7s %7s %12s %12s %12s %12s %12s%n", "class", "count", "mean", "std", "p99", "p99.9",
                "ood p99");
        for (ClassStats s : stats.classes().values()) {
            row(w, Integer.toString(s.cls().getAsInt()) + (s.count() < minCount ? "*" : ""), s);
        }
        row(w, "pooled", stats.pooled());
        if (stats.classes().values().stream().anyMatch(s -> s.count() < minCount)) {
            w.printf("* fewer than %d examples: normalized by the pooled statistics%n", minCount);
        }
        w.flush();
        return 0;
    }

    private static void row(PrintWriter w, String name, ClassStats s) {
        w.printf(Locale.ROOT, "%-7s %7d %12.6g %12.6g %12.6g %12.6g %12s%n", name, s.count(), s.mean(), s.std(),
                s.quantiles().quantile(0.99), s.quantiles().quantile(0.999),
                s.detector().map(d -> String.format(Locale.ROOT, "%.4g", d.fused().quantile(0.99))).orElse("-"));
    }
}

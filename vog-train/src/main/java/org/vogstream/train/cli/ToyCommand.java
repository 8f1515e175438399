package org.vogstream.train.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.vogstream.core.cli.JobCommand;
import org.vogstream.train.experiments.ToyExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vog-train toy}: the paper's toy experiment. */
@Command(name = "toy", mixinStandardHelpOptions = true,
        description = "Train the toy MLP for 15 epochs on two Gaussian blobs; print Spearman(VoG, distance to the"
                + " decision boundary) over all, early and late checkpoints; write the Fig. 1 plot.")
public final class ToyCommand extends JobCommand {
    @Option(names = "--out", defaultValue = "docs/results", paramLabel = "DIR", description = "Where the plot goes (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        ToyExperiment.Result r = ToyExperiment.run(out, seed);
        var w = out();
        w.printf(Locale.ROOT, "toy MLP, %d epochs, test accuracy %.3f%n", ToyExperiment.EPOCHS, r.testAccuracy());
        w.printf(Locale.ROOT, "spearman_all=%.3f%n", r.all());
        w.printf(Locale.ROOT, "spearman_early=%.3f%n", r.early());
        w.printf(Locale.ROOT, "spearman_late=%.3f%n", r.late());
        w.printf(Locale.ROOT, "spearman_all_softmax_probability=%.3f%n", r.probabilityAll());
        w.println("plot: " + r.plot());
        w.flush();
        return 0;
    }
}

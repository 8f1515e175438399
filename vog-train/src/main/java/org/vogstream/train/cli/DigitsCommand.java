package org.vogstream.train.cli;

import java.nio.file.Path;
import org.vogstream.core.cli.JobCommand;
import org.vogstream.core.data.NpyArray;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.train.data.DatasetSplits;
import org.vogstream.train.data.LabeledImages;
import org.vogstream.train.data.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vog-train digits}: one side of a dataset's split as .npy arrays, for vog calibrate / score / produce. */
@Command(name = "digits", mixinStandardHelpOptions = true,
        description = "Write one side of a dataset's split as a float32 .npy [N,1,28,28] and int64 labels.")
public final class DigitsCommand extends JobCommand {
    @Option(names = "--dataset", defaultValue = "mnist", paramLabel = "mnist|mnist-full|fashion",
            description = "Dataset, divided as train divides it (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--split", required = true, paramLabel = "train|validation|test",
            description = "Which side (validation: mnist-full only).")
    String side;

    @Option(names = "--count", paramLabel = "N", description = "Only the first N items (sides are shuffled, except mnist-full's test side: file order).")
    Integer count;

    @Option(names = "--sample", paramLabel = "N",
            description = "A stratified sample of N items of the side (seed-fixed), instead of all of it.")
    Integer sample;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split (as given to train; default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "Items; labels go to FILE-labels.npy.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (count != null && sample != null) {
            throw new IllegalArgumentException("give --count or --sample, not both");
        }
        LabeledImages items = DatasetSplits.load(dataset, seed, System.err).side(side);
        if (sample != null) {
            items = Split.stratified(items, (int) sample, seed).test();
        }
        if (count != null) {
            items = items.head(count);
        }
        NpyArray.writeFloats(out, Shapes.withBatch(items.count(), items.exampleDims()), items.values());
        long[] labels = new long[items.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = items.labels()[i];
        }
        String name = out.getFileName().toString().replaceFirst("\\.npy$", "");
        Path labelFile = out.resolveSibling(name + "-labels.npy");
        NpyArray.writeLongs(labelFile, new long[] {labels.length}, labels);
        out().printf("%d %s %s items -> %s, %s%n", items.count(), dataset, side, out, labelFile);
        out().flush();
        return 0;
    }
}

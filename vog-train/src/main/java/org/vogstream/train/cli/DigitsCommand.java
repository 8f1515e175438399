package org.vogstream.train.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vogstream.core.data.NpyArray;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.train.data.LabeledImages;
import org.vogstream.train.data.MnistPackage;
import org.vogstream.train.data.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vog-train digits}: one side of the MNIST split as .npy arrays, for vog calibrate / score / produce. */
@Command(name = "digits", mixinStandardHelpOptions = true,
        description = "Write the train or test side of the MNIST split as a float32 .npy [N,1,28,28] and int64 labels.")
public final class DigitsCommand implements Callable<Integer> {
    @Option(names = "--split", required = true, paramLabel = "train|test", description = "Which side of the split.")
    String side;

    @Option(names = "--count", paramLabel = "N", description = "Only the first N digits (the sides are shuffled).")
    Integer count;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split (as given to train; default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "Digits; labels go to FILE-labels.npy.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Split split = Split.stratified(MnistPackage.load(), 0.2, seed);
        LabeledImages digits = switch (side) {
            case "train" -> split.train();
            case "test" -> split.test();
            default -> throw new IllegalArgumentException("split '" + side + "' is not one of train, test");
        };
        if (count != null) {
            digits = digits.head(count);
        }
        NpyArray.writeFloats(out, Shapes.withBatch(digits.count(), digits.exampleDims()), digits.values());
        long[] labels = new long[digits.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = digits.labels()[i];
        }
        String name = out.getFileName().toString().replaceFirst("\\.npy$", "");
        Path labelFile = out.resolveSibling(name + "-labels.npy");
        NpyArray.writeLongs(labelFile, new long[] {labels.length}, labels);
        spec.commandLine().getOut().printf("%d %s digits -> %s, %s%n", digits.count(), side, out, labelFile);
        spec.commandLine().getOut().flush();
        return 0;
    }
}

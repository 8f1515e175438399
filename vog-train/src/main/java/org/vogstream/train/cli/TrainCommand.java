package org.vogstream.train.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vogstream.train.CheckpointTrainer;
import org.vogstream.train.data.MnistPackage;
import org.vogstream.train.data.Split;
import org.vogstream.train.data.ToyBlobs;
import org.vogstream.train.model.Architecture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vog-train train}: one training run, one ONNX checkpoint per epoch. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a classifier and write ck-001.onnx, ck-002.onnx, ... (one per epoch) to --out.")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "toy-mlp|lenet|resnet", description = "Architecture.")
    String model;

    @Option(names = "--dataset", defaultValue = "mnist", paramLabel = "mnist|toy", description = "Dataset (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "E", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.05", description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    float momentum;

    @Option(names = "--batch-size", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split, initialization and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Checkpoint directory.")
    Path out;

    @Option(names = "--keep-last", paramLabel = "K",
            description = "Delete all but the last K checkpoints at the end (a model set needs 3).")
    Integer keepLast;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Split split = switch (dataset) {
            case "mnist" -> Split.stratified(MnistPackage.load(), 0.2, seed);
            case "toy" -> ToyBlobs.generate(1000, seed);
            default -> throw new IllegalArgumentException("dataset '" + dataset + "' is not one of mnist, toy");
        };
        var config = new CheckpointTrainer.Config(Architecture.named(model), epochs, learningRate, momentum, batchSize, seed);
        var log = spec.commandLine().getOut();
        log.printf("training %s on %s: %d train / %d test examples, %d epochs%n", model, dataset, split.train().count(),
                split.test().count(), epochs);
        log.flush();
        var results = CheckpointTrainer.train(config, split.train(), split.test(), out,
                new EpochProgress(System.err, log, epochs));
        if (keepLast != null) {
            for (var r : results.subList(0, Math.max(0, results.size() - keepLast))) {
                java.nio.file.Files.deleteIfExists(r.checkpoint());
            }
        }
        return 0;
    }
}

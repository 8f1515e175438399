package org.vogstream.train.cli;

import java.nio.file.Path;
import org.vogstream.core.cli.FlagCheck;
import org.vogstream.core.cli.JobCommand;
import org.vogstream.train.CheckpointRetention;
import org.vogstream.train.CheckpointTrainer;
import org.vogstream.train.data.DatasetSplits;
import org.vogstream.train.data.LabeledImages;
import org.vogstream.train.model.Architecture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vog-train train}: one training run, one ONNX checkpoint per epoch. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a classifier and write ck-001.onnx, ck-002.onnx, ... (one per epoch, numbered by epoch) to --out.")
public final class TrainCommand extends JobCommand {
    @Option(names = "--model", required = true, paramLabel = "toy-mlp|lenet|resnet", description = "Architecture.")
    String model;

    @Option(names = "--dataset", defaultValue = "mnist", paramLabel = "mnist|mnist-full|fashion|toy",
            description = "Dataset (default: ${DEFAULT-VALUE}). mnist-full trains on the 60,000 training digits less a"
                    + " 5,000 validation split and reports accuracy on that split; its 10,000 test digits stay unseen.")
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
            description = "Delete all but the last K kept checkpoints at the end (a model set needs 3).")
    int keepLast = Integer.MAX_VALUE;

    @Option(names = "--save-every", defaultValue = "1", paramLabel = "K",
            description = "Keep the checkpoints of epochs K, 2K, ... and the final one (default: ${DEFAULT-VALUE}).")
    int saveEvery;

    @Override
    public Integer call() throws Exception {
        FlagCheck.atLeast("--epochs", epochs, 1);
        FlagCheck.atLeast("--batch-size", batchSize, 1);
        var retention = new CheckpointRetention(saveEvery, keepLast);
        var log = out();
        DatasetSplits splits = DatasetSplits.load(dataset, seed, System.err);
        LabeledImages train = splits.train();
        LabeledImages heldOut = splits.heldOut();
        String heldOutName = splits.heldOutName();
        var config = new CheckpointTrainer.Config(Architecture.named(model), epochs, learningRate, momentum, batchSize, seed);
        log.printf("training %s on %s: %d train / %d %s examples, %d epochs%n", model, dataset, train.count(),
                heldOut.count(), heldOutName, epochs);
        log.flush();
        var results = CheckpointTrainer.train(config, train, heldOut, out,
                new EpochProgress(System.err, log, epochs, heldOutName));
        var kept = retention.keptEpochs(epochs);
        for (var r : results) {
            if (!kept.contains(r.epoch())) {
                java.nio.file.Files.deleteIfExists(r.checkpoint());
            }
        }
        return 0;
    }
}

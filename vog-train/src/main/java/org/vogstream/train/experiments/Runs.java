package org.vogstream.train.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.vogstream.train.CheckpointTrainer;
import org.vogstream.train.data.LabeledImages;
import org.vogstream.train.model.Architecture;

/** LeNet training runs the experiments need, returning their checkpoint files. */
final class Runs {
    private Runs() {}

    static List<Path> lenet(LabeledImages train, LabeledImages test, int epochs, float lr, long seed, Path dir)
            throws IOException {
        var config = new CheckpointTrainer.Config(Architecture.lenet(), epochs, lr, 0.9f, 64, seed);
        return CheckpointTrainer.train(config, train, test, dir, new CheckpointTrainer.Listener() {}).stream()
                .map(CheckpointTrainer.EpochResult::checkpoint).toList();
    }
}

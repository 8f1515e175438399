package org.vogstream.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.Score;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.core.score.VogScorer;
import org.vogstream.train.data.LabeledImages;
import org.vogstream.train.data.MnistPackage;
import org.vogstream.train.data.Split;
import org.vogstream.train.model.Architecture;
import org.vogstream.train.oracle.AutogradVog;

/**
 * The compiler's fused graph against PyTorch autograd (K backward passes through DJL) on really
 * trained LeNet checkpoints and 256 real MNIST test digits.
 */
class AutogradOracleTest {
    @TempDir
    static Path dir;

    static Split split;
    static List<Path> checkpoints;

    @BeforeAll
    static void train() throws Exception {
        split = Split.stratified(MnistPackage.load(), 0.2, 1);
        var results = CheckpointTrainer.train(new CheckpointTrainer.Config(Architecture.lenet(), 3, 0.05f, 0.9f, 64, 11),
                split.train().head(4000), split.test().head(500), dir, new CheckpointTrainer.Listener() {});
        checkpoints = results.stream().map(CheckpointTrainer.EpochResult::checkpoint).toList();
    }

    @Test
    void shouldAgreeWithAutogradForPredictedAndTrueLabels() {
        LabeledImages digits = split.test().head(256);
        ModelSet set = ModelSet.load(dir);
        assertEquals(checkpoints, set.checkpoints());
        List<float[]> examples = new ArrayList<>();
        long[] labels = new long[digits.count()];
        for (int i = 0; i < digits.count(); i++) {
            examples.add(digits.example(i));
            labels[i] = digits.labels()[i];
        }
        List<Score> fused;
        try (VogScorer scorer = VogScorer.open(set, ScorerConfig.defaults())) {
            fused = scorer.score(examples, labels);
        }
        double worstPredicted = 0;
        double worstTrue = 0;
        try (AutogradVog autograd = AutogradVog.load(Architecture.lenet(), checkpoints)) {
            double[] predicted = autograd.vog(digits.values(), digits.count(), null);
            double[] truth = autograd.vog(digits.values(), digits.count(), labels);
            for (int i = 0; i < digits.count(); i++) {
                worstPredicted = Math.max(worstPredicted, Math.abs(predicted[i] - fused.get(i).vog()) / predicted[i]);
                worstTrue = Math.max(worstTrue, Math.abs(truth[i] - fused.get(i).targetVog().getAsDouble()) / truth[i]);
            }
        }
        System.out.printf("fused vs autograd on 256 digits: max relative difference %.2e (predicted), %.2e (true)%n",
                worstPredicted, worstTrue);
        assertTrue(worstPredicted <= 1e-4, "predicted-label VoG differs by " + worstPredicted);
        assertTrue(worstTrue <= 1e-4, "true-label VoG differs by " + worstTrue);
    }
}

package org.vogstream.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.Score;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.core.score.VogScorer;
import org.vogstream.train.data.LabeledImages;
import org.vogstream.train.model.Architecture;
import org.vogstream.train.oracle.AutogradVog;
import org.vogstream.train.testing.HeldOutDigits;

/**
 * The compiler's fused graph against PyTorch autograd (K backward passes through DJL, in float64:
 * the oracle AutogradVogTest checks against finite differences) on the bundled, really trained
 * LeNet checkpoints and 256 of their held-out MNIST test digits.
 */
class AutogradOracleTest {
    @Test
    void shouldAgreeWithAutogradForPredictedAndTrueLabels() {
        LabeledImages digits = HeldOutDigits.load().head(256);
        ModelSet set = ModelSet.load(HeldOutDigits.MODEL_DIR);
        List<Path> checkpoints = set.checkpoints();
        assertEquals(3, checkpoints.size());
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
        try (AutogradVog autograd = AutogradVog.float64(Architecture.lenet(), checkpoints)) {
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

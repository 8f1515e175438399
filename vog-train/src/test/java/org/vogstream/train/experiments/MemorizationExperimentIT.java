package org.vogstream.train.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.Score;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.core.score.VogScorer;
import org.vogstream.train.data.LabeledImages;
import org.vogstream.train.data.MnistPackage;
import org.vogstream.train.data.Split;

/**
 * Paper §4.1 reduced: 1,500 training digits of the npm package, 20% relabelled, 30 epochs (about
 * half a minute of training, hence an IT). The paper's direction (shuffled VoG higher) is not
 * asserted because it does not hold here: this reduced run finds no difference (p = 0.42) and the
 * full run (docs/results/memorization.md) finds shuffled slightly lower.
 */
class MemorizationExperimentIT {
    @TempDir
    Path dir;

    @Test
    void shouldMemorizeShuffledLabelsAndCompareTheTwoGroups() throws Exception {
        Split split = Split.stratified(MnistPackage.load(), 0.2, 1);
        LabeledImages train = split.train().head(1_500);
        var r = MemorizationExperiment.run(train, split.test().head(200), 30, 1, dir.resolve("run"));
        System.out.println(r);
        assertTrue(r.trainAccuracy() > 0.95, "the network memorizes the shuffled labels: " + r.trainAccuracy());
        assertEquals(0.2, (double) r.shuffled() / (r.shuffled() + r.clean()), 0.03, "a fifth of the labels shuffled");
        assertEquals(r.shuffled(), r.shuffledVog().length);
        assertEquals(r.clean(), r.cleanVog().length);
        assertEquals(Arrays.stream(r.shuffledVog()).average().orElseThrow(), r.test().meanA(), 1e-12, "A is the shuffled group");
        assertEquals(Arrays.stream(r.cleanVog()).average().orElseThrow(), r.test().meanB(), 1e-12, "B is the clean group");

        // A clean example was trained on its true label, so its VoG is one of the true-label VoGs
        // of the same checkpoints; a shuffled one's is of another label, and (almost) never is.
        double[] trueLabelVog;
        try (VogScorer scorer = VogScorer.open(ModelSet.load(dir.resolve("run")), ScorerConfig.defaults())) {
            List<Score> scores = Scoring.score(scorer, train, true);
            trueLabelVog = scores.stream().mapToDouble(s -> s.targetVog().getAsDouble()).sorted().toArray();
        }
        assertEquals(r.clean(), matches(r.cleanVog(), trueLabelVog), "clean VoGs found among the true-label VoGs");
        int shuffledMatching = matches(r.shuffledVog(), trueLabelVog);
        assertTrue(shuffledMatching <= r.shuffled() / 20, shuffledMatching + " of " + r.shuffled()
                + " shuffled VoGs equal a true-label VoG");
    }

    /** How many of {@code values} equal (to 1e-6 relative) an entry of {@code sorted}. */
    private static int matches(double[] values, double[] sorted) {
        int n = 0;
        for (double v : values) {
            int at = Arrays.binarySearch(sorted, v);
            int i = at >= 0 ? at : -at - 1;
            boolean near = i < sorted.length && Math.abs(sorted[i] - v) <= 1e-6 * v
                    || i > 0 && Math.abs(sorted[i - 1] - v) <= 1e-6 * v;
            n += near ? 1 : 0;
        }
        return n;
    }
}

package org.vogstream.detect.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.data.Example;
import org.vogstream.core.score.BatchScoring;
import org.vogstream.core.score.DeviceSpec;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.Score;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.core.score.VogScorer;
import org.vogstream.core.testing.CheckpointDirs;
import org.vogstream.detect.reference.Moments;
import org.vogstream.detect.stats.CalibrationStats;
import org.vogstream.detect.stats.Labels;

/** Calibrate on one half of a generated reference set, score the other: z is standard per class. */
class CalibrationRoundTripTest {
    @TempDir
    Path dir;

    private static List<Example> generate(int n, long seed) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = new float[144];
            float brightness = r.nextFloat();
            for (int j = 0; j < x.length; j++) {
                x[j] = Math.min(1f, brightness * r.nextFloat() + (j % 12 < 6 ? 0.2f : 0f));
            }
            out.add(new Example("e" + i, new long[] {1, 12, 12}, x, OptionalInt.of(i % 3)));
        }
        return out;
    }

    @Test
    void shouldGiveInDistributionZScoresOfMeanZeroAndStdOnePerClass() throws Exception {
        ModelSet set = ModelSet.load(CheckpointDirs.lenet(dir, 3, 70, 3));
        try (VogScorer scorer = VogScorer.open(set, new ScorerConfig(DeviceSpec.CPU, 2))) {
            int[] progress = {0};
            CalibrationStats stats = Calibrator.calibrate(scorer, generate(3000, 1), List.of(), Labels.PREDICTED, 128, 30,
                    n -> progress[0] = n);
            assertEquals(3000, progress[0]);
            assertEquals(set.id(), stats.modelSet());
            List<Example> heldOut = generate(3000, 2);
            List<Score> scores = BatchScoring.scoreAll(scorer, heldOut, 128, false, n -> { });
            Map<Integer, Moments> zByClass = new HashMap<>();
            for (Score s : scores) {
                zByClass.computeIfAbsent(s.predictedClass(), c -> new Moments())
                        .add(stats.normalize(s.predictedClass(), s.vog()).z());
            }
            int checked = 0;
            for (Map.Entry<Integer, Moments> e : zByClass.entrySet()) {
                if (e.getValue().count() >= 300) {
                    checked++;
                    assertEquals(0, e.getValue().mean(), 0.15, "mean z of class " + e.getKey());
                    assertEquals(1, e.getValue().std(), 0.15, "std of z of class " + e.getKey());
                }
            }
            assertTrue(checked >= 1, "some class must have enough held-out examples: " + zByClass.keySet());

            CalibrationStats byTrue = Calibrator.calibrate(scorer, generate(600, 3), List.of(), Labels.TRUE, 128, 30, n -> { });
            assertEquals(List.of(0, 1, 2), List.copyOf(byTrue.classes().keySet()));
            assertEquals(200, byTrue.classes().get(1).count());
        }
    }

    /**
     * Calibrated on one generated set (maps fitted on one half, distributions from the other), scored on another from the same
     * distribution: the fused score's percentiles are uniform and a 5% target flags about 5%.
     * Bounds: with 3,000 held-out examples the binomial std of a 5% rate is 0.4 points; the class
     * grids come from about 1,000 reference examples each, which adds about as much again.
     */
    @Test
    void shouldRealizeTheTargetFprOnHeldOutInDistributionData() throws Exception {
        ModelSet set = ModelSet.load(CheckpointDirs.lenet(dir, 3, 70, 3));
        try (VogScorer scorer = VogScorer.open(set, new ScorerConfig(DeviceSpec.CPU, 2))) {
            CalibrationStats stats = Calibrator.calibrate(scorer, generate(3000, 1), List.of(), Labels.PREDICTED, 128, 30,
                    n -> { });
            var detector = new org.vogstream.detect.decide.Detector(org.vogstream.detect.stats.StatsLookup.of(stats));
            List<Score> scores = BatchScoring.scoreAll(scorer, generate(3000, 2), 128, false, n -> { });
            int flagged = 0;
            Moments percentiles = new Moments();
            int[] deciles = new int[10];
            for (Score s : scores) {
                var d = detector.detect(set.id(), s).orElseThrow();
                double bound = d.reference().fused().quantile(0.95);
                flagged += d.oodScore() > bound ? 1 : 0;
                percentiles.add(d.oodPercentile());
                deciles[Math.min(9, (int) (d.oodPercentile() / 10))]++;
            }
            double rate = flagged / (double) scores.size();
            assertEquals(0.05, rate, 0.02, "realized false-positive rate at target 0.05");
            assertEquals(50, percentiles.mean(), 4, "mean ood_percentile of in-distribution data");
            for (int i = 0; i < 10; i++) {
                assertEquals(300, deciles[i], 90, "held-out examples in ood_percentile decile " + i);
            }
        }
    }
}

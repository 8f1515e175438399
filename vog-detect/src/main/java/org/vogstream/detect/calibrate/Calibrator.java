package org.vogstream.detect.calibrate;

import java.util.List;
import java.util.function.IntConsumer;
import org.vogstream.core.compile.VogMapGrid;
import org.vogstream.core.data.Example;
import org.vogstream.core.score.BatchScoring;
import org.vogstream.core.score.Score;
import org.vogstream.core.score.VogScorer;
import org.vogstream.detect.reference.DetectorCalibrator;
import org.vogstream.detect.stats.CalibrationStats;
import org.vogstream.detect.stats.Labels;

/** Class statistics of a model set over a reference set. */
public final class Calibrator {
    private Calibrator() {}

    /**
     * With {@link Labels#PREDICTED}, each example's predicted-label VoG is grouped by its predicted
     * class (as streaming will score it); with {@link Labels#TRUE}, the VoG of its true label is
     * grouped by that label. The detector's references are always by predicted class (streaming
     * knows no labels): VoG maps fitted on {@code mapReference} when given, else on one half of
     * {@code reference} with the detector's distributions from the other.
     */
    public static CalibrationStats calibrate(VogScorer scorer, List<Example> reference, List<Example> mapReference,
            Labels labels, int batchSize, int minCount, IntConsumer progress) {
        boolean useTrue = labels == Labels.TRUE;
        List<Score> scores = BatchScoring.scoreAll(scorer, reference, batchSize, useTrue, progress);
        CalibrationBuilder builder = new CalibrationBuilder(scorer.modelSet().id(), labels);
        for (int i = 0; i < scores.size(); i++) {
            Score s = scores.get(i);
            if (useTrue) {
                builder.add(reference.get(i).label().getAsInt(), s.targetVog().getAsDouble());
            } else {
                builder.add(s.predictedClass(), s.vog());
            }
        }
        DetectorCalibrator detector = new DetectorCalibrator(VogMapGrid.of(scorer.modelSet().mapInputDims()).mapDims(),
                minCount);
        DetectorCalibrator.Result references = mapReference.isEmpty() ? detector.splitFit(scores)
                : detector.calibrate(BatchScoring.scoreAll(scorer, mapReference, batchSize, false, n -> { }), scores);
        return builder.build(minCount, references);
    }
}

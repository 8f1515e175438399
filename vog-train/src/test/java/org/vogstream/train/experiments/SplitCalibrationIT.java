package org.vogstream.train.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.Score;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.core.score.VogScorer;
import org.vogstream.detect.reference.DetectorCalibrator;
import org.vogstream.train.data.DatasetSplits;
import org.vogstream.train.testing.HeldOutDigits;

/**
 * The README's {@code vog calibrate --data validation.npy} without {@code --map-data}: the bundled set's
 * 5,000 validation digits, split in half, once made Commons Math's eigendecomposition give up on one
 * class's covariance ("convergence failed"). Uses the cached MNIST package.
 */
class SplitCalibrationIT {
    @Test
    void shouldFitEveryClassOfTheValidationDigitsSplitInHalf() throws Exception {
        var validation = DatasetSplits.load("mnist-full", 1, System.err).validation();
        ModelSet set = ModelSet.load(HeldOutDigits.MODEL_DIR);
        try (VogScorer scorer = VogScorer.open(set, ScorerConfig.defaults())) {
            List<Score> scores = Scoring.score(scorer, validation, false);
            var result = new DetectorCalibrator(new long[] {28, 28}, 30).splitFit(scores);
            assertEquals(10, result.classes().size());
            result.classes().forEach((c, d) -> assertTrue(d.map().subspace().directions() > 0, "class " + c));
        }
    }
}

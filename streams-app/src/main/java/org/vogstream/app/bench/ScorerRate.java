package org.vogstream.app.bench;

import java.util.List;
import org.vogstream.app.config.AppConfig;
import org.vogstream.core.bench.BenchInputs;
import org.vogstream.core.bench.InterleavedThroughput;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.core.score.VogScorer;

/**
 * The scorer alone: examples per second of the fused graph at one batch size, on the detector's
 * settings (the median of {@link InterleavedThroughput}'s rounds).
 */
final class ScorerRate {
    private ScorerRate() {}

    static double measure(ModelSet set, AppConfig config, BenchInputs inputs, int batch, double seconds) {
        ScorerConfig scorer = config.scorerConfig();
        try (VogScorer vog = VogScorer.open(set, scorer)) {
            List<float[]> examples = inputs.batch(batch);
            return InterleavedThroughput.measure(batch, seconds, () -> vog.score(examples))[0];
        }
    }
}

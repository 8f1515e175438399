package org.vogstream.app.bench;

import java.util.List;
import org.vogstream.app.config.AppConfig;
import org.vogstream.core.bench.BenchInputs;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.core.score.VogScorer;

/** The scorer alone: examples per second of the fused graph at one batch size, on the detector's settings. */
final class ScorerRate {
    private ScorerRate() {}

    static double measure(ModelSet set, AppConfig config, BenchInputs inputs, int batch, double seconds) {
        ScorerConfig scorer = config.scorerConfig();
        try (VogScorer vog = VogScorer.open(set, scorer)) {
            List<float[]> examples = inputs.batch(batch);
            for (int i = 0; i < 3; i++) {
                vog.score(examples); // warm-up: ONNX Runtime plans memory on the first calls
            }
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long done = 0;
            while (System.nanoTime() < end) {
                vog.score(examples);
                done += batch;
            }
            return done / ((System.nanoTime() - start) / 1e9);
        }
    }
}

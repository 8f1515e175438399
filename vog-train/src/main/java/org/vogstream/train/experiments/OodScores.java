package org.vogstream.train.experiments;

import java.util.List;
import org.vogstream.core.score.Score;
import org.vogstream.detect.decide.Detection;
import org.vogstream.detect.decide.Detector;
import org.vogstream.detect.stats.CalibrationStats;
import org.vogstream.detect.stats.StatsLookup;

/** The methods the OoD reports compare, each turned into "higher = more OoD" for one example. */
final class OodScores {
    static final List<String> METHODS = List.of("VoG (paper, upper tail)", "VoG (both tails)", "VoG map",
            "alert score (fused)", "MSP", "Max logit", "Energy");

    static final String REFERENCE = "VoG moments and score distributions from the 5,000 validation digits the model"
            + " never trained on, per-class VoG maps from 5,000 training digits; `vog calibrate --map-data`";

    static final String ORIENTATION = "All scores are oriented so that higher means more OoD: VoG (paper, upper tail) = z"
            + " as the paper reads it, VoG (both tails) = |z|, VoG map = the class-normalized VoG map score, alert score"
            + " (fused) = Fisher's fusion of the VoG map score and −energy (design.md §1b), MSP = −max softmax,"
            + " max logit = −max logit, energy = −logsumexp.";

    private OodScores() {}

    /** [method][example]. */
    static double[][] of(List<Score> scores, String modelSet, CalibrationStats stats) {
        Detector detector = new Detector(StatsLookup.of(stats));
        double[][] s = new double[METHODS.size()][scores.size()];
        for (int i = 0; i < scores.size(); i++) {
            Score x = scores.get(i);
            Detection d = detector.detect(modelSet, x).orElseThrow(() -> new IllegalStateException(
                    "the statistics have no detector reference: recalibrate with vog calibrate"));
            double z = d.vog().z();
            s[0][i] = z;
            s[1][i] = Math.abs(z);
            s[2][i] = d.vogMapScore();
            s[3][i] = d.oodScore();
            s[4][i] = -x.confidence();
            s[5][i] = -x.maxLogit();
            s[6][i] = -x.energy();
        }
        return s;
    }
}

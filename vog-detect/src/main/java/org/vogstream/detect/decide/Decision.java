package org.vogstream.detect.decide;

import java.util.Locale;
import java.util.Optional;
import org.vogstream.detect.stats.Normalized;

/**
 * What the class statistics and the threshold in force made of one calibrated example.
 *
 * @param predictedClass the class whose statistics judged it
 * @param vog its scalar VoG against the class's reference distribution
 * @param detection the detector's scores; empty with statistics written before the detector existed
 * @param verdict the threshold and the judgement
 */
public record Decision(int predictedClass, Normalized vog, Optional<Detection> detection, Verdict verdict) {
    public boolean ood() {
        return verdict.ood();
    }

    /** Why the example alerts (or would): the score against its bound, the detector and scope, the class. */
    public String reason() {
        String where = String.format(Locale.ROOT, "(%s, %s) for class %d", verdict.detector().json(), verdict.scope(),
                predictedClass);
        if (verdict.detector() != DetectorKind.VOG) {
            Detection d = detection.orElseThrow();
            boolean fused = verdict.detector() == DetectorKind.FUSED;
            return String.format(Locale.ROOT, "%s %.3f > %.3f, percentile %.2f %s", fused ? "ood_score" : "vog_map_score",
                    fused ? d.oodScore() : d.vogMapScore(), verdict.bounds().upper(),
                    fused ? d.oodPercentile() : d.mapPercentile(), where);
        }
        double z = vog.z();
        boolean below = z < verdict.bounds().lower();
        return String.format(Locale.ROOT, "vog_z %.3f %s %.3f, %s tail %s", z, below ? "<" : ">",
                below ? verdict.bounds().lower() : verdict.bounds().upper(), verdict.tail().json(), where);
    }
}

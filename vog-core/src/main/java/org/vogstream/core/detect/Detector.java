package org.vogstream.core.detect;

import java.util.Optional;
import org.vogstream.core.score.Score;
import org.vogstream.core.stats.ClassStats;
import org.vogstream.core.stats.Normalized;
import org.vogstream.core.stats.StatsLookup;

/**
 * Scores an example against its predicted class's reference: the scalar VoG's z, the VoG map
 * score, energy and their fusion. The statistics come from one {@link StatsLookup}, so streaming
 * and {@code vog score} decide alike.
 */
public final class Detector {
    private final StatsLookup stats;

    public Detector(StatsLookup stats) {
        this.stats = stats;
    }

    /** Empty when the model set has no statistics, or statistics without the detector's reference. */
    public Optional<Detection> detect(String modelSet, Score score) {
        return stats.find(modelSet, score.predictedClass()).flatMap(s -> detect(s, score));
    }

    /** The scalar normalization alone (statistics written before the detector existed have nothing else). */
    public Optional<Normalized> normalize(String modelSet, Score score) {
        return stats.normalize(modelSet, score.predictedClass(), score.vog());
    }

    static Optional<Detection> detect(ClassStats s, Score score) {
        if (s.detector().isEmpty()) {
            return Optional.empty();
        }
        DetectorStats d = s.detector().get();
        double mapScore = d.map().score(score.vogMap());
        double fused = d.fusedScore(mapScore, score.energy());
        Normalized vog = new Normalized(s.z(score.vog()), s.percentile(score.vog()), s);
        return Optional.of(new Detection(vog, mapScore, score.energy(), fused, 100 * d.fused().cdf(fused),
                100 * d.mapScore().cdf(mapScore)));
    }
}

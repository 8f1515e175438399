package org.vogstream.detect.decide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vogstream.core.score.Score;
import org.vogstream.detect.reference.DetectorStats;
import org.vogstream.detect.stats.ClassStats;
import org.vogstream.detect.stats.Normalized;
import org.vogstream.detect.stats.StatsLookup;

/**
 * Scores an example against its predicted class's reference: the scalar VoG's z, the VoG map
 * score, energy and their fusion. The statistics come from one {@link StatsLookup}, so streaming
 * and {@code vog score} decide alike.
 */
public final class Detector {
    /**
     * What the statistics make of one example.
     *
     * @param vog the scalar VoG against its class
     * @param detection the detector's scores; empty when no usable detector reference exists
     *     (statistics written before the detector, or of another map shape)
     */
    public record Assessment(Normalized vog, Optional<Detection> detection) {}

    private final StatsLookup stats;

    public Detector(StatsLookup stats) {
        this.stats = stats;
    }

    /**
     * Empty when the model set has no statistics. The statistics are looked up once, so the z and
     * the detector's scores of one example never come from two versions of them.
     */
    public Optional<Assessment> assess(String modelSet, Score score) {
        return assessAll(modelSet, List.of(score)).get(0);
    }

    /**
     * {@link #assess} of a batch of one model set's examples, with the same numbers: the examples
     * that meet the same reference are scored against it together ({@link DetectorStats#mapScores}).
     */
    public List<Optional<Assessment>> assessAll(String modelSet, List<Score> scores) {
        List<Optional<Assessment>> out = new ArrayList<>(Collections.nCopies(scores.size(), Optional.empty()));
        Normalized[] vogs = new Normalized[scores.size()];
        Map<DetectorStats, List<Integer>> byReference = new IdentityHashMap<>();
        for (int e = 0; e < scores.size(); e++) {
            Score score = scores.get(e);
            Optional<ClassStats> found = stats.find(modelSet, score.predictedClass());
            if (found.isEmpty()) {
                continue;
            }
            ClassStats s = found.get();
            vogs[e] = new Normalized(s.z(score.vog()), s.percentile(score.vog()), s);
            Optional<DetectorStats> reference = usable(s, score);
            if (reference.isEmpty() && !s.pooled()) {
                // a class whose own reference is too thin (grouped by true labels) or unusable borrows the pooled one
                reference = stats.pooled(modelSet).flatMap(p -> usable(p, score));
            }
            if (reference.isPresent()) {
                byReference.computeIfAbsent(reference.get(), r -> new ArrayList<>()).add(e);
            } else {
                out.set(e, Optional.of(new Assessment(vogs[e], Optional.empty())));
            }
        }
        byReference.forEach((d, examples) -> {
            double[] mapScores = d.mapScores(examples.stream().map(e -> scores.get(e).vogMap()).toList());
            for (int i = 0; i < mapScores.length; i++) {
                int e = examples.get(i);
                out.set(e, Optional.of(new Assessment(vogs[e], Optional.of(detect(vogs[e], d, scores.get(e),
                        mapScores[i])))));
            }
        });
        return out;
    }

    /** The detector's scores alone. */
    public Optional<Detection> detect(String modelSet, Score score) {
        return assess(modelSet, score).flatMap(Assessment::detection);
    }

    private static Optional<DetectorStats> usable(ClassStats s, Score score) {
        return s.detector().filter(d -> d.count() >= s.minCount() && d.map().mean().length == score.vogMap().length);
    }

    private static Detection detect(Normalized vog, DetectorStats d, Score score, double mapScore) {
        double fused = d.fusedScore(mapScore, score.energy());
        return new Detection(vog, d, mapScore, score.energy(), fused, 100 * d.fused().cdf(fused),
                100 * d.mapScore().cdf(mapScore));
    }
}

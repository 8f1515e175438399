package org.vogstream.core.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vogstream.core.score.Score;
import org.vogstream.core.stats.QuantileGrid;

/**
 * Builds each predicted class's {@link DetectorStats}, and the pooled one. Scored against maps
 * fitted on themselves, reference examples look more typical than new ones and the realized
 * false-positive rate runs above its target (design.md §1b), so the map scores behind the
 * distributions always come from maps fitted on other examples: a separate map set, or the other
 * half of the reference set (cross-fitting, which keeps every example for both).
 */
public final class DetectorCalibrator {
    /**
     * @param classes the predicted classes' references
     * @param pooled the reference of all classes together
     */
    public record Result(Map<Integer, DetectorStats> classes, DetectorStats pooled) {}

    private final long[] mapDims;
    private final int minCount;

    /**
     * @param mapDims one VoG map's shape
     * @param minCount map examples a class needs for a map reference of its own (else the pooled one)
     */
    public DetectorCalibrator(long[] mapDims, int minCount) {
        this.mapDims = mapDims.clone();
        this.minCount = minCount;
    }

    /** Maps fitted on {@code mapFit}, distributions from {@code distribution}. */
    public Result calibrate(List<Score> mapFit, List<Score> distribution) {
        requireSome(mapFit, "VoG maps");
        requireSome(distribution, "score distributions");
        Maps maps = fit(mapFit, ownClasses(mapFit));
        double[] classScores = new double[distribution.size()];
        double[] pooledScores = new double[distribution.size()];
        for (int i = 0; i < classScores.length; i++) {
            Score s = distribution.get(i);
            classScores[i] = maps.forClass(s.predictedClass()).score(s.vogMap());
            pooledScores[i] = maps.pooled.score(s.vogMap());
        }
        return build(maps, distribution, classScores, pooledScores);
    }

    /** Every example for both: each half's map scores come from maps fitted on the other half. */
    public Result crossFit(List<Score> reference) {
        requireSome(reference, "VoG maps");
        List<Score> even = new ArrayList<>();
        List<Score> odd = new ArrayList<>();
        for (int i = 0; i < reference.size(); i++) {
            (i % 2 == 0 ? even : odd).add(reference.get(i));
        }
        requireSome(odd, "the second cross-fitting half");
        // which classes get maps of their own is decided once, on the whole set, so the halves and
        // the deployed maps agree on it
        Set<Integer> own = ownClasses(reference);
        Maps fromEven = fit(even, own);
        Maps fromOdd = fit(odd, own);
        double[] classScores = new double[reference.size()];
        double[] pooledScores = new double[reference.size()];
        for (int i = 0; i < classScores.length; i++) {
            Score s = reference.get(i);
            Maps other = i % 2 == 0 ? fromOdd : fromEven;
            classScores[i] = other.forClass(s.predictedClass()).score(s.vogMap());
            pooledScores[i] = other.pooled.score(s.vogMap());
        }
        return build(fit(reference, own), reference, classScores, pooledScores);
    }

    private Result build(Maps deployed, List<Score> scores, double[] classScores, double[] pooledScores) {
        Map<Integer, List<Integer>> byClass = new HashMap<>();
        for (int i = 0; i < scores.size(); i++) {
            byClass.computeIfAbsent(scores.get(i).predictedClass(), c -> new ArrayList<>()).add(i);
        }
        Map<Integer, DetectorStats> classes = new HashMap<>();
        byClass.forEach((c, rows) -> classes.put(c, stats(deployed.forClass(c), scores, rows, classScores)));
        List<Integer> all = new ArrayList<>(scores.size());
        for (int i = 0; i < scores.size(); i++) {
            all.add(i);
        }
        return new Result(classes, stats(deployed.pooled, scores, all, pooledScores));
    }

    private static DetectorStats stats(MapReference map, List<Score> scores, List<Integer> rows, double[] mapScores) {
        int n = rows.size();
        double[] ms = new double[n];
        double[] negEnergy = new double[n];
        for (int j = 0; j < n; j++) {
            ms[j] = mapScores[rows.get(j)];
            negEnergy[j] = -scores.get(rows.get(j)).energy();
        }
        QuantileGrid mapGrid = QuantileGrid.of(ms);
        QuantileGrid energyGrid = QuantileGrid.of(negEnergy);
        double[] fused = new double[n];
        for (int j = 0; j < n; j++) {
            fused[j] = DetectorStats.fuse(DetectorStats.tail(mapGrid, ms[j], n), DetectorStats.tail(energyGrid, negEnergy[j], n));
        }
        return new DetectorStats(map, mapGrid, energyGrid, QuantileGrid.of(fused), n);
    }

    private Set<Integer> ownClasses(List<Score> scores) {
        Map<Integer, Integer> counts = new HashMap<>();
        scores.forEach(s -> counts.merge(s.predictedClass(), 1, Integer::sum));
        Set<Integer> own = new HashSet<>();
        counts.forEach((c, n) -> {
            if (n >= minCount) {
                own.add(c);
            }
        });
        return own;
    }

    private Maps fit(List<Score> scores, Set<Integer> own) {
        int cells = scores.get(0).vogMap().length;
        Map<Integer, MapReference.Builder> builders = new HashMap<>();
        MapReference.Builder all = new MapReference.Builder(mapDims, cells);
        for (Score s : scores) {
            builders.computeIfAbsent(s.predictedClass(), c -> new MapReference.Builder(mapDims, cells)).add(s.vogMap());
            all.add(s.vogMap());
        }
        MapReference pooled = all.build();
        Map<Integer, MapReference> byClass = new HashMap<>();
        builders.forEach((c, b) -> byClass.put(c, own.contains(c) ? b.build() : pooled));
        return new Maps(byClass, pooled);
    }

    private static void requireSome(List<Score> scores, String what) {
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("the detector needs reference examples for " + what);
        }
    }

    private record Maps(Map<Integer, MapReference> byClass, MapReference pooled) {
        MapReference forClass(int cls) {
            return byClass.getOrDefault(cls, pooled);
        }
    }
}

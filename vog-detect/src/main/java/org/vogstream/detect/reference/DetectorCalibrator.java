package org.vogstream.detect.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vogstream.core.score.Score;

/**
 * Builds each predicted class's {@link DetectorStats}, and the pooled one. Scored against maps
 * fitted on themselves, reference examples look more typical than new ones and the realized
 * false-positive rate runs above its target (docs/design.md §1b), so the map scores behind the
 * distributions always come from maps fitted on other examples: a separate map set, or one half
 * of the reference set with the distributions from the other.
 */
public final class DetectorCalibrator {
    /**
     * @param classes the predicted classes' references
     * @param pooled the reference of all classes together
     */
    public record Result(Map<Integer, DetectorStats> classes, DetectorStats pooled) {}

    private static final long SPLIT_SEED = 1;

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
        Statistics classScores = new Statistics(distribution.size());
        Statistics pooledScores = new Statistics(distribution.size());
        for (int i = 0; i < distribution.size(); i++) {
            Score s = distribution.get(i);
            classScores.put(i, maps.forClass(s.predictedClass()), s.vogMap());
            pooledScores.put(i, maps.pooled, s.vogMap());
        }
        return build(maps, distribution, classScores, pooledScores);
    }

    /**
     * One reference set for both: maps fitted on one half of it, distributions from the other
     * (a seeded shuffle decides, so neighbouring near-duplicates do not land one in each half
     * and the same set always splits the same way). A class then needs {@code minCount} examples
     * in each half for a reference of its own. Not cross-fitting (each half scored against the other half's maps,
     * every example in the distributions): the deployed maps would then be fitted on twice the
     * examples behind any map score in the distributions, and a 64-direction subspace fitted on
     * twice the examples scores new examples lower; on generated data a 5% target flagged 2.4%.
     */
    public Result splitFit(List<Score> reference) {
        List<Score> shuffled = new ArrayList<>(reference);
        java.util.Collections.shuffle(shuffled, new java.util.Random(SPLIT_SEED));
        int half = shuffled.size() / 2;
        requireSome(shuffled.subList(0, half), "the score distributions (the second half of the reference set)");
        return calibrate(shuffled.subList(half, shuffled.size()), shuffled.subList(0, half));
    }

    private Result build(Maps deployed, List<Score> scores, Statistics classScores, Statistics pooledScores) {
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

    private static DetectorStats stats(MapReference map, List<Score> scores, List<Integer> rows, Statistics statistics) {
        int n = rows.size();
        double[] cell = new double[n];
        double[] subspace = new double[n];
        double[] negEnergy = new double[n];
        for (int j = 0; j < n; j++) {
            cell[j] = statistics.cell[rows.get(j)];
            subspace[j] = statistics.subspace[rows.get(j)];
            negEnergy[j] = -scores.get(rows.get(j)).energy();
        }
        QuantileGrid cellGrid = QuantileGrid.of(cell);
        QuantileGrid subspaceGrid = QuantileGrid.of(subspace);
        QuantileGrid energyGrid = QuantileGrid.of(negEnergy);
        // each stage's distribution is of the scores the stage before produced on the same examples
        double[] mapScores = new double[n];
        for (int j = 0; j < n; j++) {
            mapScores[j] = DetectorStats.fisher(cellGrid, cell[j], subspaceGrid, subspace[j]);
        }
        QuantileGrid mapGrid = QuantileGrid.of(mapScores);
        double[] fused = new double[n];
        for (int j = 0; j < n; j++) {
            fused[j] = DetectorStats.fisher(mapGrid, mapScores[j], energyGrid, negEnergy[j]);
        }
        return new DetectorStats(map, cellGrid, subspaceGrid, mapGrid, energyGrid, QuantileGrid.of(fused), n);
    }

    /** The map's two statistics of each example, against maps fitted on other examples. */
    private static final class Statistics {
        final double[] cell;
        final double[] subspace;

        Statistics(int n) {
            cell = new double[n];
            subspace = new double[n];
        }

        void put(int i, MapReference reference, float[] map) {
            MapReference.Statistics st = reference.statistics(map);
            cell[i] = st.cell();
            subspace[i] = st.subspace();
        }
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

package org.vogstream.core.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.compile.VogGraphContract;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.testing.CheckpointDirs;
import org.vogstream.core.testing.Ort;

/** The unfused way (the benchmark's baseline) computes the same VoG and VoG map as the fused graph. */
class UnfusedVogTest {
    @TempDir
    Path dir;

    @Test
    void shouldEqualTheFusedGraph() throws Exception {
        assertUnfusedEqualsFused(ModelSet.load(CheckpointDirs.lenet(dir, 3, 80, 4)));
    }

    @Test
    void shouldEqualTheFusedGraphOnAChannelsLastInput() throws Exception {
        ModelSet set = ModelSet.load(CheckpointDirs.channelsLast(dir, 3, 90));
        assertEquals(true, set.layout().channelsLast());
        assertEquals(List.of(3L, 8L, 8L), Arrays.stream(set.mapInputDims()).boxed().toList());
        assertUnfusedEqualsFused(set);
    }

    private static void assertUnfusedEqualsFused(ModelSet set) throws Exception {
        int n = 16;
        int size = set.exampleSize();
        Random r = new Random(1);
        float[] flat = new float[n * size];
        List<float[]> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = new float[size];
            for (int j = 0; j < size; j++) {
                x[j] = r.nextFloat();
                flat[i * size + j] = x[j];
            }
            examples.add(x);
        }
        try (VogScorer fused = VogScorer.open(set, ScorerConfig.defaults());
                UnfusedVog unfused = UnfusedVog.open(set, ScorerConfig.defaults())) {
            List<Score> expected = fused.score(examples);
            double[] got = unfused.vog(flat, n);
            for (int i = 0; i < n; i++) {
                assertEquals(expected.get(i).vog(), got[i], 1e-5 * expected.get(i).vog(), "example " + i);
            }
            double[] map = unfused.run(flat, n).vogMap();
            double[] fusedMap = fusedMap(set, flat, n);
            assertEquals(fusedMap.length, map.length);
            double scale = Arrays.stream(fusedMap).max().orElseThrow();
            for (int i = 0; i < map.length; i++) {
                assertEquals(fusedMap[i], map[i], 1e-5 * Math.max(fusedMap[i], 1e-3 * scale), "cell " + i);
            }
        }
    }

    private static double[] fusedMap(ModelSet set, float[] flat, int n) {
        double[] x = new double[flat.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = flat[i];
        }
        long[] target = new long[n];
        Arrays.fill(target, -1);
        return Ort.run(set.compiled(), Map.of(
                VogGraphContract.INPUT, Ort.Tensor.of(ElementType.FLOAT, Shapes.withBatch(n, set.exampleDims()), x),
                VogGraphContract.TARGET, Ort.Tensor.int64(new long[] {n}, target))).get(VogGraphContract.VOG_MAP).values();
    }
}

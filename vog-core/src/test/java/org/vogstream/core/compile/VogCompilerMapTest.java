package org.vogstream.core.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vogstream.core.onnx.Attributes.of;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.score.VogReduction;
import org.vogstream.core.testing.ClassifierZoo;
import org.vogstream.core.testing.ModelFixture;
import org.vogstream.core.testing.Ort;

/**
 * The fused graph's {@code vog_map} on real ONNX Runtime against V pooled in Java from the graph's
 * own {@code saliency}. Delta: 1e-5 relative (float32 sums of at most 18 pixels against doubles).
 */
class VogCompilerMapTest {
    private static final int N = 3;
    private static final double RELATIVE = 1e-5;

    /** The graph's outputs for a random batch, and the saliency split per checkpoint. */
    private record Run(CompiledVog compiled, Map<String, Ort.Tensor> out, double[][] saliency) {
        double[] map() {
            return out.get(VogGraphContract.VOG_MAP).values();
        }
    }

    @Test
    void shouldLeaveA28By28MapUnpooled() {
        Run run = run(List.of(ClassifierZoo.lenet(1, 1, 28, 10), ClassifierZoo.lenet(2, 1, 28, 10),
                ClassifierZoo.lenet(3, 1, 28, 10)), ElementType.FLOAT, 1, 28, 28);
        assertMap(run, 28, 28);
        String producer = run.compiled().model().getGraph().getNodeList().stream()
                .filter(node -> node.getOutputList().contains(VogGraphContract.VOG_MAP)).findFirst().orElseThrow()
                .getOpType();
        assertEquals("Identity", producer);
        assertClose(pixelStd(run.saliency(), 28 * 28), run.map());
    }

    @Test
    void shouldAverageOnlyThePixelsAPartialEdgeCellHolds() {
        long[] example = {2, 33, 70};
        Run run = run(dense(example, ElementType.FLOAT), ElementType.FLOAT, example);
        assertMap(run, 17, 24);
        // independent of the grid: cells are 2×3 pixels, the last row holds row 32 only, the last column column 69
        double[] v = pixelStd(run.saliency(), 33 * 70);
        int cells = 17 * 24;
        int last = N - 1;
        double corner = v[last * 33 * 70 + 32 * 70 + 69];
        double bottomLeft = (v[last * 33 * 70 + 32 * 70] + v[last * 33 * 70 + 32 * 70 + 1]
                + v[last * 33 * 70 + 32 * 70 + 2]) / 3;
        assertClose(new double[] {bottomLeft, corner},
                new double[] {run.map()[last * cells + 16 * 24], run.map()[last * cells + cells - 1]});
    }

    @Test
    void shouldPoolAVectorOfMoreThan1024FeaturesInPairs() {
        long[] example = {1500};
        Run run = run(dense(example, ElementType.FLOAT), ElementType.FLOAT, example);
        assertMap(run, 750);
        double[] v = pixelStd(run.saliency(), 1500);
        assertEquals((v[1498] + v[1499]) / 2, run.map()[749], RELATIVE * v[1499]);
    }

    @Test
    void shouldPoolAChannelledSignalLikeAVectorInDouble() {
        long[] example = {3, 1100};
        assertMap(run(dense(example, ElementType.DOUBLE), ElementType.DOUBLE, example), 550);
    }

    @Test
    void shouldAverageAVolumeOverDepth() {
        long[] example = {2, 3, 33, 70};
        assertMap(run(dense(example, ElementType.FLOAT), ElementType.FLOAT, example), 17, 24);
    }

    /** Declared static grid dims, values equal to the Java pooling, and {@code vog} still from the unpooled V. */
    private static void assertMap(Run run, long... mapDims) {
        var declared = run.compiled().model().getGraph().getOutputList().stream()
                .filter(o -> o.getName().equals(VogGraphContract.VOG_MAP)).findFirst().orElseThrow()
                .getType().getTensorType().getShape().getDimList();
        assertEquals("N", declared.get(0).getDimParam());
        assertArrayEquals(mapDims, declared.stream().skip(1).mapToLong(TensorShapeProto.Dimension::getDimValue).toArray());
        assertArrayEquals(Shapes.withBatch(N, mapDims), run.out().get(VogGraphContract.VOG_MAP).shape());
        long[] example = run.compiled().exampleDims();
        assertClose(VogReduction.vogMap(run.saliency(), N, example), run.map());
        assertClose(VogReduction.fromSaliency(run.saliency(), N), run.out().get(VogGraphContract.VOG).values());
    }

    private static Run run(List<ModelProto> models, int type, long... exampleDims) {
        List<Checkpoint> checkpoints = models.stream().map(m -> new Checkpoint("ck", m)).toList();
        CompiledVog compiled = new VogCompiler().compile(checkpoints, CompileOptions.defaults().withSaliency());
        Random random = new Random(7);
        long[] shape = Shapes.withBatch(N, exampleDims);
        double[] x = new double[(int) Shapes.elements(shape)];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() * 2 - 1;
        }
        long[] target = new long[N];
        Arrays.fill(target, -1);
        Map<String, Ort.Tensor> out = Ort.run(compiled.model(), Map.of(VogGraphContract.INPUT, Ort.Tensor.of(type, shape, x),
                VogGraphContract.TARGET, Ort.Tensor.int64(new long[] {N}, target)));
        double[] all = out.get(VogGraphContract.SALIENCY).values();
        int per = all.length / models.size();
        double[][] saliency = new double[models.size()][];
        for (int k = 0; k < saliency.length; k++) {
            saliency[k] = Arrays.copyOfRange(all, k * per, (k + 1) * per);
        }
        return new Run(compiled, out, saliency);
    }

    /** Three checkpoints of x → Flatten → Gemm(8) → Tanh → Gemm(4): smooth, so S_t differs at every pixel. */
    private static List<ModelProto> dense(long[] exampleDims, int type) {
        long width = Shapes.elements(exampleDims);
        return List.of(11L, 12L, 13L).stream().map(seed -> {
            ModelFixture f = ModelFixture.of(seed, type, exampleDims);
            String flat = exampleDims.length == 1 ? ModelFixture.X : f.op("Flatten", List.of(ModelFixture.X), of("axis", 1L));
            String hidden = f.op("Gemm", List.of(flat, f.weight(1 / Math.sqrt(width), 8, width), f.weight(0.1, 8)),
                    of("transB", 1L));
            return f.classifier(f.op("Tanh", List.of(hidden)), 4);
        }).toList();
    }

    /** V per example and pixel, written out here rather than taken from VogReduction. */
    private static double[] pixelStd(double[][] saliency, int pixels) {
        double[] v = new double[saliency[0].length];
        for (int i = 0; i < v.length; i++) {
            double mean = 0;
            for (double[] s : saliency) {
                mean += s[i] / saliency.length;
            }
            double var = 0;
            for (double[] s : saliency) {
                var += (s[i] - mean) * (s[i] - mean) / saliency.length;
            }
            v[i] = Math.sqrt(var);
        }
        assertEquals(N * pixels, v.length);
        return v;
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        double scale = Arrays.stream(expected).map(Math::abs).max().orElse(1);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], RELATIVE * Math.max(Math.abs(expected[i]), 1e-3 * scale), "index " + i);
        }
    }
}

package org.vogstream.core.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.testing.ClassifierZoo;
import org.vogstream.core.score.VogReduction;
import org.vogstream.core.testing.Ort;

/** The fused graph against the VoG formula computed in Java from its own parts. */
class VogCompilerTest {
    private static final int N = 64;
    private static final long[] SHAPE = {N, 2, 12, 12};
    private static List<Checkpoint> checkpoints;
    private static ModelProto fused;
    private static Ort.Tensor batch;

    @BeforeAll
    static void compile() {
        checkpoints = List.of(new Checkpoint("ck-1", ClassifierZoo.lenet(21, 2, 12, 5)),
                new Checkpoint("ck-2", ClassifierZoo.lenet(22, 2, 12, 5)),
                new Checkpoint("ck-3", ClassifierZoo.lenet(23, 2, 12, 5)));
        fused = new VogCompiler().compile(checkpoints, CompileOptions.defaults().withSaliency()).model();
        Random random = new Random(5);
        double[] x = new double[(int) Arrays.stream(SHAPE).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
        }
        batch = Ort.Tensor.of(ElementType.FLOAT, SHAPE, x);
    }

    private static Map<String, Ort.Tensor> run(Ort.Tensor input, long... target) {
        return Ort.run(fused, Map.of(VogGraphContract.INPUT, input,
                VogGraphContract.TARGET, Ort.Tensor.int64(new long[] {target.length}, target)));
    }

    private static long[] filled(int n, long v) {
        long[] a = new long[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void shouldDeclareTheContractInputsAndOutputs() {
        var graph = fused.getGraph();
        assertEquals(List.of(VogGraphContract.INPUT, VogGraphContract.TARGET),
                graph.getInputList().stream().map(v -> v.getName()).toList());
        assertEquals(List.of(VogGraphContract.PRED, VogGraphContract.LOGITS, VogGraphContract.VOG,
                VogGraphContract.VOG_MAP, VogGraphContract.SALIENCY),
                graph.getOutputList().stream().map(v -> v.getName()).toList());
        assertTrue(fused.getOpsetImport(0).getVersion() >= 16);
    }

    @Test
    void shouldEqualJavaVogFromItsOwnSaliency() {
        Map<String, Ort.Tensor> out = run(batch, filled(N, -1));
        Ort.Tensor saliency = out.get(VogGraphContract.SALIENCY);
        assertArrayEquals(new long[] {3, N, 12, 12}, saliency.shape());
        int per = N * 144;
        double[][] s = new double[3][];
        for (int k = 0; k < 3; k++) {
            s[k] = Arrays.copyOfRange(saliency.values(), k * per, (k + 1) * per);
        }
        assertClose(VogReduction.fromSaliency(s, N), out.get(VogGraphContract.VOG).values(), 1e-5);
    }

    @Test
    void shouldEqualJavaVogFromPerCheckpointGradientsOfTheLatestPrediction() {
        Map<String, Ort.Tensor> out = run(batch, filled(N, -1));
        long[] latestPred = argmax(Ort.run(checkpoints.get(2).model(), Map.of("x", batch)).get("logits"));
        assertArrayEquals(latestPred, out.get(VogGraphContract.PRED).longs());
        assertClose(javaVog(latestPred), out.get(VogGraphContract.VOG).values(), 1e-5);
    }

    @Test
    void shouldUseTheGivenTargetClassForAllCheckpoints() {
        long[] target = new long[N];
        for (int i = 0; i < N; i++) {
            target[i] = i % 5;
        }
        Map<String, Ort.Tensor> out = run(batch, target);
        assertClose(javaVog(target), out.get(VogGraphContract.VOG).values(), 1e-5);
        long[] mixed = target.clone();
        mixed[0] = -1;
        long pred0 = out.get(VogGraphContract.PRED).longs()[0];
        double[] mixedVog = run(batch, mixed).get(VogGraphContract.VOG).values();
        long[] expectedClasses = target.clone();
        expectedClasses[0] = pred0;
        assertClose(javaVog(expectedClasses), mixedVog, 1e-5);
    }

    @Test
    void shouldReturnTheLatestCheckpointsLogits() {
        Ort.Tensor expected = Ort.run(checkpoints.get(2).model(), Map.of("x", batch)).get("logits");
        assertClose(expected.values(), run(batch, filled(N, -1)).get(VogGraphContract.LOGITS).values(), 1e-6);
    }

    @Test
    void shouldScoreAnExampleTheSameAloneAndInABatchOf64() {
        double[] inBatch = run(batch, filled(N, -1)).get(VogGraphContract.VOG).values();
        for (int e : new int[] {0, 17, 63}) {
            int per = 2 * 144;
            double[] one = Arrays.copyOfRange(batch.values(), e * per, (e + 1) * per);
            double alone = run(Ort.Tensor.of(ElementType.FLOAT, new long[] {1, 2, 12, 12}, one), -1)
                    .get(VogGraphContract.VOG).values()[0];
            assertEquals(inBatch[e], alone, 1e-5 * Math.abs(alone), "example " + e);
        }
    }

    @Test
    void shouldCompileHeterogeneousCheckpoints() {
        List<Checkpoint> mixed = List.of(
                new Checkpoint("lenet", ClassifierZoo.lenet(31, 1, 12, 4)),
                new Checkpoint("resnet", ClassifierZoo.resnetBlock(32, "Relu", 12)),
                new Checkpoint("softmax-lenet", withSoftmax(ClassifierZoo.lenet(33, 1, 12, 4))));
        CompiledVog compiled = new VogCompiler().compile(mixed, CompileOptions.defaults().withSaliency());
        assertEquals(3, compiled.checkpoints());
        assertEquals(4, compiled.classes());
        Random random = new Random(9);
        double[] x = new double[4 * 144];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
        }
        Ort.Tensor input = Ort.Tensor.of(ElementType.FLOAT, new long[] {4, 1, 12, 12}, x);
        Map<String, Ort.Tensor> out = Ort.run(compiled.model(), Map.of(VogGraphContract.INPUT, input,
                VogGraphContract.TARGET, Ort.Tensor.int64(new long[] {4}, -1, -1, -1, -1)));
        double[][] s = new double[3][];
        for (int k = 0; k < 3; k++) {
            s[k] = Arrays.copyOfRange(out.get(VogGraphContract.SALIENCY).values(), k * 4 * 144, (k + 1) * 4 * 144);
        }
        assertClose(VogReduction.fromSaliency(s, 4), out.get(VogGraphContract.VOG).values(), 1e-5);
        assertTrue(Arrays.stream(out.get(VogGraphContract.VOG).values()).allMatch(v -> v > 0));
    }

    @Test
    void shouldDifferentiateTheLogitsUnderAFinalSoftmax() {
        ModelProto plain = ClassifierZoo.mlp(41, ElementType.FLOAT);
        ModelProto softmax = ClassifierZoo.mlpWithSoftmax(41, ElementType.FLOAT);
        VogCompiler compiler = new VogCompiler();
        Ort.Tensor x = Ort.Tensor.of(ElementType.FLOAT, new long[] {1, 8}, 0.1, 0.9, 0.3, 0.5, 0.2, 0.7, 0.4, 0.6);
        Map<String, Ort.Tensor> in = Map.of(VogGraphContract.INPUT, x,
                VogGraphContract.TARGET, Ort.Tensor.int64(new long[] {1}, 2));
        double[] viaSoftmax = Ort.run(compiler.compileGradient(new Checkpoint("softmax", softmax), Optional.empty()), in)
                .get(VogGraphContract.GRAD).values();
        double[] direct = Ort.run(compiler.compileGradient(new Checkpoint("plain", plain), Optional.empty()), in)
                .get(VogGraphContract.GRAD).values();
        assertClose(direct, viaSoftmax, 1e-6);
    }

    private static ModelProto withSoftmax(ModelProto model) {
        var graph = model.getGraph().toBuilder()
                .addNode(ai.onnx.proto.OnnxMl.NodeProto.newBuilder().setOpType("Softmax").addInput("logits")
                        .addOutput("probs"))
                .clearOutput().addOutput(org.vogstream.core.onnx.GraphBuilder.valueInfo("probs", ElementType.FLOAT, -1, 4));
        return model.toBuilder().setGraph(graph).build();
    }

    /** VoG from K separately compiled single-checkpoint gradient graphs, reduced in Java. */
    private static double[] javaVog(long[] classes) {
        VogCompiler compiler = new VogCompiler();
        double[][] s = new double[3][];
        for (int k = 0; k < 3; k++) {
            ModelProto gradient = compiler.compileGradient(checkpoints.get(k), Optional.empty());
            double[] grad = Ort.run(gradient, Map.of(VogGraphContract.INPUT, batch,
                    VogGraphContract.TARGET, Ort.Tensor.int64(new long[] {N}, classes))).get(VogGraphContract.GRAD).values();
            s[k] = VogReduction.channelMean(grad, N, 2);
        }
        return VogReduction.fromSaliency(s, N);
    }

    private static long[] argmax(Ort.Tensor logits) {
        int c = (int) logits.shape()[1];
        long[] out = new long[(int) logits.shape()[0]];
        for (int e = 0; e < out.length; e++) {
            for (int j = 1; j < c; j++) {
                if (logits.values()[e * c + j] > logits.values()[(int) (e * c + out[e])]) {
                    out[e] = j;
                }
            }
        }
        return out;
    }

    private static void assertClose(double[] expected, double[] actual, double relative) {
        assertEquals(expected.length, actual.length);
        double scale = Arrays.stream(expected).map(Math::abs).max().orElse(1);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * Math.max(Math.abs(expected[i]), 1e-3 * scale), "index " + i);
        }
    }
}

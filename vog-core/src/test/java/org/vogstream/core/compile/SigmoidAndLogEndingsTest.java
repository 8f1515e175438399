package org.vogstream.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vogstream.core.onnx.Attributes.of;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.testing.ExporterCheck;
import org.vogstream.core.testing.FiniteDifferences;
import org.vogstream.core.testing.ModelFixture;
import org.vogstream.core.testing.Ort;

/**
 * Endings third-party exports have beside Softmax and LogSoftmax (issue 22, classes 1 and 2):
 * Log over a Softmax (LogSoftmax in two nodes), a Sigmoid over the classes, and a binary classifier
 * with one logit and a Sigmoid. Each compiled saliency is held to finite differences of the
 * pre-normalization logits of the graph as exported; before, the first two were differentiated
 * through the normalization and the third had one class.
 */
class SigmoidAndLogEndingsTest {
    /** Conv → Tanh → Flatten → Gemm ({@code logits}, {@code classes} of them), smooth for finite differences. */
    private static ModelFixture classifier(int opset, int classes) {
        ModelFixture f = ModelFixture.of(opset * 11L + classes, ElementType.FLOAT, 1, 8, 8).opset(opset);
        String h = f.op("Tanh", List.of(f.conv("x", 1, 3, new long[] {3, 3}, of("pads", new long[] {1, 1, 1, 1}))));
        f.classifier(h, classes);
        return f;
    }

    @ParameterizedTest(name = "opset {0}")
    @ValueSource(ints = {9, 13, 17})
    void shouldSeeLogOverSoftmaxAsLogSoftmax(int opset) {
        ModelFixture f = classifier(opset, 5);
        AttributeProto[] axis = opset >= 13 ? new AttributeProto[0] : new AttributeProto[] {of("axis", 1L)};
        ModelProto forward = f.model(f.op("Log", List.of(f.op("Softmax", List.of("logits"), axis))), 5);
        CompiledVog compiled = ExporterCheck.assertSaliencyMatchesLogits("Log(Softmax) opset " + opset, forward, "logits",
                2e-3, false);
        assertEquals("logits", compiled.logits().tensor(), compiled.summary());
        assertTrue(compiled.summary().contains("(input of the final Softmax") && compiled.summary().contains("under Log"),
                compiled.summary());
    }

    @ParameterizedTest(name = "opset {0}")
    @ValueSource(ints = {9, 17})
    void shouldTakeTheInputOfAFinalSigmoidOverTheClassesAsTheLogits(int opset) {
        ModelFixture f = classifier(opset, 10);
        ModelProto forward = f.model(f.op("Sigmoid", List.of("logits")), 10);
        CompiledVog compiled = ExporterCheck.assertSaliencyMatchesLogits("Sigmoid over 10 opset " + opset, forward,
                "logits", 2e-3, false);
        assertEquals("logits", compiled.logits().tensor(), compiled.summary());
        assertTrue(compiled.summary().contains("(input of the final Sigmoid"), compiled.summary());
    }

    /**
     * One logit z and a Sigmoid: the compiled graph's two logits are [−z/2, z/2], it predicts class 1
     * exactly when the sigmoid is over one half, and the saliency of class 1 is ∇z/2, of class 0 −∇z/2.
     */
    @Test
    void shouldGiveABinaryClassifierTwoLogitsWhoseSoftmaxIsItsSigmoid() {
        ModelFixture f = classifier(17, 1);
        ModelProto forward = f.model(f.op("Sigmoid", List.of("logits")), 1);
        String probability = forward.getGraph().getOutput(0).getName();
        CompiledVog compiled = new VogCompiler().compile(List.of(new Checkpoint("a", forward), new Checkpoint("b", forward)),
                CompileOptions.defaults().withSaliency());
        assertTrue(compiled.summary().contains("one logit z as the two logits [-z/2, z/2]"), compiled.summary());
        long[] dims = compiled.exampleDims();
        int size = (int) Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        Random random = new Random(22);
        int[] predicted = new int[2];
        for (int trial = 0; trial < 8; trial++) {
            double[] x = new double[size];
            for (int i = 0; i < size; i++) {
                x[i] = random.nextDouble() * 4 - 2;
            }
            long[] shape = org.vogstream.core.onnx.Shapes.withBatch(1, dims);
            double p = Ort.run(forward, Map.of(ModelFixture.X, Ort.Tensor.of(ElementType.FLOAT, shape, x)))
                    .get(probability).values()[0];
            double z = Math.log(p / (1 - p));
            double[] dz = FiniteDifferences.gradients(forward, "logits", ElementType.FLOAT, dims, x, 0,
                    FiniteDifferences.step(ElementType.FLOAT))[0];
            for (int cls = -1; cls <= 1; cls++) {
                Map<String, Ort.Tensor> out = Ort.run(compiled.model(), Map.of(VogGraphContract.INPUT,
                        Ort.Tensor.of(ElementType.FLOAT, shape, x), VogGraphContract.TARGET,
                        Ort.Tensor.int64(new long[] {1}, cls)));
                double[] logits = out.get(VogGraphContract.LOGITS).values();
                assertEquals(-z / 2, logits[0], 1e-4 * Math.max(1, Math.abs(z)), "logit of class 0");
                assertEquals(z / 2, logits[1], 1e-4 * Math.max(1, Math.abs(z)), "logit of class 1");
                int pred = (int) out.get(VogGraphContract.PRED).longs()[0];
                assertEquals(p > 0.5 ? 1 : 0, pred, "p = " + p);
                int target = cls < 0 ? pred : cls;
                double sign = target == 1 ? 0.5 : -0.5;
                double[] saliency = out.get(VogGraphContract.SALIENCY).values();
                double scale = Arrays.stream(dz).map(Math::abs).max().orElseThrow();
                for (int i = 0; i < size; i++) {
                    assertEquals(sign * dz[i], saliency[i], 2e-3 * scale, "pixel " + i + ", class " + target);
                }
                if (cls < 0) {
                    predicted[pred]++;
                }
            }
        }
        assertTrue(predicted[0] > 0 && predicted[1] > 0, "both classes predicted: " + Arrays.toString(predicted));
    }
}

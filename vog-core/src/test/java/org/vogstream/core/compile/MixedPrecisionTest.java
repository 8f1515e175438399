package org.vogstream.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vogstream.core.onnx.Attributes.of;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.testing.FiniteDifferences;
import org.vogstream.core.testing.ModelFixture;
import org.vogstream.core.testing.Ort;

/**
 * A float64 input the model casts to float32 before its first layer (issue 22, class 5: a third-party
 * export). The gradient part seeded its logits in the input's type, so a Gemm took double and float
 * inputs and ONNX Runtime refused the compiled graph, which {@code vog compile} had reported as compiled.
 */
class MixedPrecisionTest {
    /** x64 (double) → Cast → Gemm → Tanh → Gemm → logits, float32 weights. */
    private static ModelProto castingClassifier() {
        ModelFixture f = ModelFixture.of(61, ElementType.FLOAT, 6);
        String h = f.op("Tanh", List.of(f.op("Gemm", List.of(f.x(), f.weight(0.5, 8, 6), f.weight(0.1, 8)), of("transB", 1L))));
        f.graph().opTo("Gemm", List.of(h, f.weight(0.5, 4, 8), f.weight(0.1, 4)), "logits", of("transB", 1L));
        ModelProto float32 = f.model("logits", 4);
        var graph = float32.getGraph().toBuilder();
        var input = graph.getInput(0).toBuilder().setName("x64");
        input.getTypeBuilder().getTensorTypeBuilder().setElemType(ElementType.DOUBLE);
        graph.setInput(0, input).addNode(0, NodeProto.newBuilder().setOpType("Cast").addInput("x64").addOutput(f.x())
                .addAttribute(of("to", (long) ElementType.FLOAT)));
        return float32.toBuilder().setGraph(graph).build();
    }

    @Test
    void shouldDifferentiateAFloat64InputTheModelCastsToFloat32() {
        ModelProto forward = castingClassifier();
        CompiledVog compiled = new VogCompiler().compile(List.of(new Checkpoint("a", forward), new Checkpoint("b", forward)),
                CompileOptions.defaults().withSaliency());
        long[] dims = compiled.exampleDims();
        long[] shape = Shapes.withBatch(1, dims);
        Random random = new Random(3);
        for (int cls = 0; cls < 4; cls++) {
            double[] x = random.doubles(6, -1, 1).toArray();
            Map<String, Ort.Tensor> out = Ort.run(compiled.model(), Map.of(VogGraphContract.INPUT,
                    Ort.Tensor.of(ElementType.DOUBLE, shape, x), VogGraphContract.TARGET, Ort.Tensor.int64(new long[] {1}, cls)));
            double[] logits = Ort.run(forward, Map.of("x64", Ort.Tensor.of(ElementType.DOUBLE, shape, x))).get("logits").values();
            double[] fused = out.get(VogGraphContract.LOGITS).values();
            for (int c = 0; c < 4; c++) {
                assertEquals(logits[c], fused[c], 1e-6, "logit " + c + " (the contract's logits are of the input's type)");
            }
            double[] saliency = Arrays.copyOf(out.get(VogGraphContract.SALIENCY).values(), 6);
            // differences of the float32 logits: a float32 step, whatever the input's type
            double[][] fd = FiniteDifferences.gradients(forward, "logits", ElementType.DOUBLE, dims, x, cls,
                    FiniteDifferences.step(ElementType.FLOAT));
            FiniteDifferences.assertAgrees("cast float64 → float32, class " + cls,
                    FiniteDifferences.compare(saliency, fd, 2e-3), 2e-3, false);
        }
    }
}

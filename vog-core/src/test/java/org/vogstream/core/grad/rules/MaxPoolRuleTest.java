package org.vogstream.core.grad.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vogstream.core.onnx.Attributes.of;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.compile.VogCompiler;
import org.vogstream.core.compile.VogGraphContract;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.testing.ModelFixture;
import org.vogstream.core.testing.Ort;

/** Where a pooled Relu's mask is taken (finite differences check both forms), and windows without a maximum. */
class MaxPoolRuleTest {
    @Test
    void shouldMaskAReluThatOnlyThePoolReadsAtThePooledSize() {
        ModelFixture f = ModelFixture.of(3, ElementType.FLOAT, 2, 8, 8);
        String pooled = pool(f, f.op("Relu", List.of("x")));
        assertEquals(1, greaterNodes(f.classifier(pooled, 3)), "one mask, on the pooled maxima");
    }

    @Test
    void shouldKeepTheReluMaskWhenSomethingElseReadsTheRelu() {
        ModelFixture f = ModelFixture.of(3, ElementType.FLOAT, 2, 8, 8);
        String r = f.op("Relu", List.of("x"));
        String both = f.op("Add", List.of(pool(f, r), pool(f, f.op("Neg", List.of(r)))));
        assertEquals(3, greaterNodes(f.classifier(both, 3)), "each pool's gate and the Relu's own mask");
    }

    @Test
    void shouldKeepAnOverflowedExampleOutOfItsNeighboursGradientWithoutARelu() {
        ModelFixture f = ModelFixture.of(3, ElementType.FLOAT, 2, 8, 8);
        String pooled = pool(f, f.conv("x", 2, 3, new long[] {3, 3}, of("pads", new long[] {1, 1, 1, 1})));
        ModelProto gradient = new VogCompiler().compileGradient(new Checkpoint("pool.onnx", f.classifier(pooled, 3)),
                Optional.empty());
        Ort.Tensor one = f.randomInput(1, new Random(8));
        double[] both = Arrays.copyOf(one.values(), 2 * one.values().length);
        Arrays.fill(both, one.values().length, both.length, Double.NaN);
        double[] alone = grad(gradient, one, 1);
        double[] beside = grad(gradient, Ort.Tensor.of(ElementType.FLOAT, new long[] {2, 2, 8, 8}, both), 2);
        assertArrayEquals(alone, Arrays.copyOf(beside, alone.length), 0.0, "the first example's gradient, alone and beside NaN");
    }

    private static double[] grad(ModelProto gradient, Ort.Tensor x, int n) {
        long[] targets = new long[n];
        Arrays.fill(targets, 1);
        return Ort.run(gradient, Map.of(VogGraphContract.INPUT, x, VogGraphContract.TARGET,
                Ort.Tensor.int64(new long[] {n}, targets))).get(VogGraphContract.GRAD).values();
    }

    private static String pool(ModelFixture f, String x) {
        return f.op("MaxPool", List.of(x), of("kernel_shape", new long[] {2, 2}), of("strides", new long[] {2, 2}));
    }

    private static long greaterNodes(ModelProto forward) {
        ModelProto gradient = new VogCompiler().compileGradient(new Checkpoint("pool.onnx", forward), Optional.empty());
        return gradient.getGraph().getNodeList().stream().map(NodeProto::getOpType).filter("Greater"::equals).count();
    }
}

package org.vogstream.core.grad.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vogstream.core.onnx.Attributes.of;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.compile.VogCompiler;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.testing.ModelFixture;

/** Where a pooled Relu's mask is taken (finite differences check both forms). */
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

    private static String pool(ModelFixture f, String x) {
        return f.op("MaxPool", List.of(x), of("kernel_shape", new long[] {2, 2}), of("strides", new long[] {2, 2}));
    }

    private static long greaterNodes(ModelProto forward) {
        ModelProto gradient = new VogCompiler().compileGradient(new Checkpoint("pool.onnx", forward), Optional.empty());
        return gradient.getGraph().getNodeList().stream().map(NodeProto::getOpType).filter("Greater"::equals).count();
    }
}

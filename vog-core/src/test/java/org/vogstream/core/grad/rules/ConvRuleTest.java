package org.vogstream.core.grad.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vogstream.core.onnx.Attributes.of;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.compile.VogCompiler;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.testing.ModelFixture;

/** Which form each Conv input gradient takes (finite differences check that every form is right). */
class ConvRuleTest {
    @Test
    void shouldSumWindowsBackWithCol2ImIntoFewChannels() {
        Map<String, Long> ops = gradientOps(3, new long[] {1, 1});
        assertEquals(1L, ops.get("Col2Im"));
        assertEquals(1L, ops.get("Conv"), "only the forward Conv");
    }

    @Test
    void shouldKeepTheBlockedConvIntoEightChannelsOrMore() {
        Map<String, Long> ops = gradientOps(8, new long[] {1, 1});
        assertEquals(null, ops.get("Col2Im"));
        assertEquals(2L, ops.get("Conv"), "the forward Conv and its flipped-kernel gradient");
    }

    @Test
    void shouldKeepConvTransposeForStridedConvsIntoEightChannelsOrMore() {
        Map<String, Long> ops = gradientOps(8, new long[] {2, 2});
        assertEquals(null, ops.get("Col2Im"));
        assertEquals(1L, ops.get("ConvTranspose"));
    }

    private static Map<String, Long> gradientOps(long inChannels, long[] strides) {
        ModelFixture f = ModelFixture.of(5, ElementType.FLOAT, inChannels, 9, 9);
        ModelProto forward = f.classifier(f.conv("x", inChannels, 4, new long[] {3, 3}, of("strides", strides),
                of("pads", new long[] {1, 1, 1, 1})), 3);
        ModelProto gradient = new VogCompiler().compileGradient(new Checkpoint("conv.onnx", forward), Optional.empty());
        return gradient.getGraph().getNodeList().stream()
                .collect(Collectors.groupingBy(NodeProto::getOpType, Collectors.counting()));
    }
}

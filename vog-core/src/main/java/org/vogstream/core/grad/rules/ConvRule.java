package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;

/**
 * Conv, data input: ConvTranspose of the output gradient with the same weights and geometry, with
 * output_padding restoring input sizes the strides do not divide. Not the equivalent stride-1 Conv
 * with a flipped kernel: on ONNX Runtime 1.23 that is the slower of the two, above all for a first
 * layer's gradient, a Conv into one channel, which its blocked (NCHWc) kernels handle worst
 * (measurements in docs/results/performance.md).
 */
public final class ConvRule implements GradientRule {
    @Override
    public Set<String> opTypes() {
        return Set.of("Conv");
    }

    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        String w = node.getInput(1);
        if (ctx.needsGradient(w) || node.getInputCount() > 2 && ctx.needsGradient(node.getInput(2))) {
            throw ctx.unsupported(node, "Conv weights or bias computed from the input are not differentiable here");
        }
        if (!ctx.needsGradient(x)) {
            return;
        }
        long[] wShape = ctx.shape(w);
        long[] kernel = Attributes.getInts(node, "kernel_shape")
                .orElse(Arrays.copyOfRange(wShape, 2, wShape.length));
        WindowGeometry geometry = WindowGeometry.of(node, kernel, ctx);
        long group = Attributes.getInt(node, "group", 1);
        ctx.addGradient(x, ctx.graph().op("ConvTranspose", List.of(outputGrads[0], w),
                geometry.transposeAttributes(group)));
    }
}

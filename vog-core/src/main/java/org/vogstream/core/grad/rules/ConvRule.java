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
 * output_padding restoring input sizes the strides do not divide. An earlier version rewrote
 * stride-1 convolutions with constant weights as a Conv with the kernel flipped and its channel
 * axes swapped, measured faster then; on the ONNX Runtime shipped now (1.23) the ConvTranspose is
 * faster, most of all for the first layer's gradient, a Conv with one output channel, which
 * ONNX Runtime's blocked (NCHWc) Conv kernels handle worst. The bundled LeNet's fused graph at
 * batch 64, one intra-op thread, best of 15 interleaved rounds: 20.9 ms with the flipped Conv,
 * 13.2 ms with ConvTranspose (its profile: the first layer's input gradient 6.0 → 1.9 ms per
 * checkpoint); with two threads the two were even on an idle machine and ConvTranspose ahead
 * under load, where the streaming detector runs.
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

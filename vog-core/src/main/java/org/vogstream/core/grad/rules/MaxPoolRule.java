package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.List;
import java.util.Optional;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.Tensors;

/**
 * MaxPool: the forward node also returns its argmax indices (flat over N·C·H·W), and the gradient
 * is scatter-added to them. "add", not "none", because overlapping windows can pick the same input.
 *
 * <p>MaxUnpool (which assigns) was measured 13% faster on the bundled LeNet's fused graph on one
 * thread, but a window without argmax (all NaN: an input that overflowed the model) keeps
 * ONNX Runtime's "none" index, which points into the channel before it — another example's when
 * the channel is an example's first; assigning there would overwrite that example's gradient.
 * Here such windows' gradients are zeroed, so adding them changes nothing wherever they point.
 * ONNX Runtime gives such a window the lowest finite value as its maximum (not −inf), so the gate
 * is y &gt; lowest: at −inf windows of NaN passed, and an example beside an overflowed one got a
 * wrong gradient when no Relu came before the pool.
 *
 * <p>Of a Relu's output read by nothing else (conv, ReLU, pool), the Relu's gradient is taken here at
 * the pooled size: an argmax p carries the window's maximum y, so x_p &gt; 0 exactly when y &gt; 0;
 * gating the pooled gradient on y &gt; 0 and scattering it onto the Relu's input spares the
 * full-size mask (four times the elements with 2×2 windows). The same gate drops windows
 * without an argmax, whose maximum is not above 0 either.
 */
public final class MaxPoolRule implements GradientRule {
    @Override
    public NodeProto prepareForward(NodeProto node) {
        if (node.getOutputCount() > 1 && !node.getOutput(1).isEmpty()) {
            return node;
        }
        NodeProto.Builder b = node.toBuilder();
        String indices = node.getOutput(0) + "/argmax";
        if (b.getOutputCount() > 1) {
            b.setOutput(1, indices);
        } else {
            b.addOutput(indices);
        }
        return b.build();
    }

    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        if (Attributes.getInt(node, "storage_order", 0) != 0) {
            throw ctx.unsupported(node, "storage_order=1 (column-major indices)");
        }
        String x = node.getInput(0);
        var out = ctx.graph();
        int type = ctx.elementType(x);
        Optional<String> reluInput = ctx.producer(x).filter(p -> p.getOpType().equals("Relu") && ctx.uses(x) == 1)
                .map(p -> p.getInput(0));
        String passes = out.op("Greater", List.of(node.getOutput(0),
                out.scalar(type, reluInput.isPresent() ? 0 : lowest(type))));
        String grad = out.op("Where", List.of(passes, outputGrads[0], out.scalar(type, 0)));
        String flat = out.int64s(-1);
        String size = out.op("Reshape", List.of(out.op("Size", List.of(x)), out.int64s(1)));
        String zeros = out.op("ConstantOfShape", List.of(size),
                Attributes.of("value", Tensors.ofType(ctx.elementType(x), "", new long[] {1}, 0)));
        String scattered = out.op("ScatterElements", List.of(zeros,
                out.op("Reshape", List.of(node.getOutput(1), flat)),
                out.op("Reshape", List.of(grad, flat))),
                Attributes.of("axis", 0L), Attributes.of("reduction", "add"));
        ctx.addGradient(reluInput.orElse(x), out.op("Reshape", List.of(scattered, ctx.shapeOf(x))));
    }

    /** The lowest finite value of a floating type, which ONNX Runtime's MaxPool starts each window from. */
    private static double lowest(int type) {
        return switch (type) {
            case ElementType.FLOAT -> -Float.MAX_VALUE;
            case ElementType.DOUBLE -> -Double.MAX_VALUE;
            case DataType.FLOAT16_VALUE -> -65504.0;
            case DataType.BFLOAT16_VALUE -> -3.3895313892515355e38;
            default -> Double.NEGATIVE_INFINITY;
        };
    }
}

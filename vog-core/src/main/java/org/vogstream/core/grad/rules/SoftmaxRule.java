package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;

/**
 * Softmax inside a model (attention weights) or when the differentiated output is a probability
 * ({@code --logits} naming a Softmax output): dx = y ⊙ (g − Σ_axis g ⊙ y); LogSoftmax:
 * dx = g − eʸ ⊙ Σ_axis g. Opset ≥ 13 semantics (one axis, default −1); the upgrade rewrites older ones.
 */
public final class SoftmaxRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String y = node.getOutput(0);
        long axis = Attributes.getInt(node, "axis", -1);
        var out = ctx.graph();
        if (node.getOpType().equals("LogSoftmax")) {
            String total = out.op("ReduceSum", List.of(outputGrads[0], out.int64s(axis)), Attributes.of("keepdims", 1L));
            ctx.addGradient(node.getInput(0), out.op("Sub", List.of(outputGrads[0],
                    out.op("Mul", List.of(out.op("Exp", List.of(y)), total)))));
            return;
        }
        String gy = out.op("Mul", List.of(outputGrads[0], y));
        String sum = out.op("ReduceSum", List.of(gy, out.int64s(axis)), Attributes.of("keepdims", 1L));
        ctx.addGradient(node.getInput(0), out.op("Mul", List.of(y, out.op("Sub", List.of(outputGrads[0], sum)))));
    }
}

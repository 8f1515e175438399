package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;

/** Neg and Abs: −g, and g·sign(x) (0 at x = 0, as PyTorch takes it). */
public final class SignRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        var out = ctx.graph();
        ctx.addGradient(x, node.getOpType().equals("Neg") ? out.op("Neg", List.of(outputGrads[0]))
                : out.op("Mul", List.of(outputGrads[0], out.op("Sign", List.of(x)))));
    }
}

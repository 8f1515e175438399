package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Set;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;

/**
 * Sigmoid and Tanh: g·slope, the slope computed from the forward output y — y·(1−y) for Sigmoid,
 * 1−y² for Tanh — so the activation is never evaluated twice.
 */
public final class SaturatingActivationRule implements GradientRule {
    @Override
    public Set<String> opTypes() {
        return Set.of("Sigmoid", "Tanh");
    }

    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String y = node.getOutput(0);
        String one = ctx.graph().scalar(ctx.elementType(y), 1);
        String slope = node.getOpType().equals("Sigmoid")
                ? ctx.graph().op("Mul", List.of(y, ctx.graph().op("Sub", List.of(one, y))))
                : ctx.graph().op("Sub", List.of(one, ctx.graph().op("Mul", List.of(y, y))));
        ctx.addGradient(node.getInput(0), ctx.graph().op("Mul", List.of(outputGrads[0], slope)));
    }
}

package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;

/**
 * LeakyRelu(α) and PRelu(slope): the gradient passes where the input is positive, scaled by α (or
 * by the slope tensor, broadcast to the input) elsewhere. The slope is a weight: no gradient.
 */
public final class LeakyReluRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        String g = outputGrads[0];
        int type = ctx.elementType(x);
        String scale = node.getOpType().equals("PRelu") ? node.getInput(1)
                : ctx.graph().scalar(type, Attributes.getFloat(node, "alpha", 0.01f));
        String positive = ctx.graph().op("Greater", List.of(x, ctx.graph().scalar(type, 0)));
        String leaked = ctx.graph().op("Mul", List.of(g, scale));
        ctx.addGradient(x, ctx.graph().op("Where", List.of(positive, g, leaked)));
    }
}

package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;

/** Clip (ReLU6 and friends): the gradient passes strictly between the bounds that are given. */
public final class ClipRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        for (int i = 1; i < node.getInputCount(); i++) {
            if (ctx.needsGradient(node.getInput(i))) {
                throw ctx.unsupported(node, "Clip bounds computed from the input are not differentiable here");
            }
        }
        String inside = null;
        if (node.getInputCount() > 1 && !node.getInput(1).isEmpty()) {
            inside = ctx.graph().op("Greater", List.of(x, node.getInput(1)));
        }
        if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
            String below = ctx.graph().op("Less", List.of(x, node.getInput(2)));
            inside = inside == null ? below : ctx.graph().op("And", List.of(inside, below));
        }
        if (inside == null) {
            ctx.addGradient(x, outputGrads[0]);
            return;
        }
        String zero = ctx.graph().scalar(ctx.elementType(x), 0);
        ctx.addGradient(x, ctx.graph().op("Where", List.of(inside, outputGrads[0], zero)));
    }
}

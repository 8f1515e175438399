package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;

/** Ops that only change the shape of their data: the gradient is reshaped back to the input's shape. */
public final class ReshapeLikeRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        ctx.addGradient(x, ctx.graph().op("Reshape", List.of(outputGrads[0], ctx.shapeOf(x))));
    }
}

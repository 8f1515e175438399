package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;

/** Relu: the gradient passes where the input is positive. */
public final class ReluRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        String zero = ctx.graph().scalar(ctx.elementType(x), 0);
        String positive = ctx.graph().op("Greater", List.of(x, zero));
        ctx.addGradient(x, ctx.graph().op("Where", List.of(positive, outputGrads[0], zero)));
    }
}

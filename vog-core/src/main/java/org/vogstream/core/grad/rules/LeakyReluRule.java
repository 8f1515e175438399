package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Set;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;

/** LeakyRelu(α): the gradient passes where the input is positive, scaled by α elsewhere. */
public final class LeakyReluRule implements GradientRule {
    @Override
    public Set<String> opTypes() {
        return Set.of("LeakyRelu");
    }

    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        String g = outputGrads[0];
        int type = ctx.elementType(x);
        double alpha = Attributes.getFloat(node, "alpha", 0.01f);
        String positive = ctx.graph().op("Greater", List.of(x, ctx.graph().scalar(type, 0)));
        String leaked = ctx.graph().op("Mul", List.of(g, ctx.graph().scalar(type, alpha)));
        ctx.addGradient(x, ctx.graph().op("Where", List.of(positive, g, leaked)));
    }
}

package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Set;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;

/** Tanh: g·(1−y²), from the forward output. */
public final class TanhRule implements GradientRule {
    @Override
    public Set<String> opTypes() {
        return Set.of("Tanh");
    }

    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String y = node.getOutput(0);
        String one = ctx.graph().scalar(ctx.elementType(y), 1);
        String slope = ctx.graph().op("Sub", List.of(one, ctx.graph().op("Mul", List.of(y, y))));
        ctx.addGradient(node.getInput(0), ctx.graph().op("Mul", List.of(outputGrads[0], slope)));
    }
}

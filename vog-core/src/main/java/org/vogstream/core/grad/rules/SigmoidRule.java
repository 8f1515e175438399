package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Set;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;

/** Sigmoid: g·y·(1−y), from the forward output. */
public final class SigmoidRule implements GradientRule {
    @Override
    public Set<String> opTypes() {
        return Set.of("Sigmoid");
    }

    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String y = node.getOutput(0);
        String one = ctx.graph().scalar(ctx.elementType(y), 1);
        String slope = ctx.graph().op("Mul", List.of(y, ctx.graph().op("Sub", List.of(one, y))));
        ctx.addGradient(node.getInput(0), ctx.graph().op("Mul", List.of(outputGrads[0], slope)));
    }
}

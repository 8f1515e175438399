package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;

/**
 * Sum, Mean, Max and Min over any number of broadcast inputs: Sum passes g to each, Mean g/n; Max
 * and Min pass g to the inputs equal to the result (ties, measure zero, share it), each unbroadcast
 * to its input's shape.
 */
public final class VariadicRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String y = node.getOutput(0);
        long[] shape = ctx.shape(y);
        var out = ctx.graph();
        String g = outputGrads[0];
        if (node.getOpType().equals("Mean")) {
            g = out.op("Mul", List.of(g, out.scalar(ctx.elementType(y), 1.0 / node.getInputCount())));
        }
        for (String x : node.getInputList()) {
            if (!ctx.needsGradient(x)) {
                continue;
            }
            String grad = g;
            if (node.getOpType().equals("Max") || node.getOpType().equals("Min")) {
                grad = out.op("Where", List.of(out.op("Equal", List.of(x, y)), g, out.scalar(ctx.elementType(y), 0)));
            }
            ctx.addGradient(x, ctx.unbroadcast(grad, shape, x));
        }
    }
}

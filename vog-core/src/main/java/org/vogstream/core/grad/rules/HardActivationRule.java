package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;

/**
 * The piecewise-linear activations of MobileNetV3: HardSigmoid y = clip(αx + β, 0, 1) has slope α
 * inside the ramp and 0 outside; HardSwish y = x·HardSigmoid(x) (α = 1/6, β = 1/2) has slope 0 below
 * −3, 1 above 3 and x/3 + 1/2 between.
 */
public final class HardActivationRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        int type = ctx.elementType(x);
        var out = ctx.graph();
        String g = outputGrads[0];
        String zero = out.scalar(type, 0);
        if (node.getOpType().equals("HardSigmoid")) {
            double alpha = Attributes.getFloat(node, "alpha", 0.2f);
            double beta = Attributes.getFloat(node, "beta", 0.5f);
            String ramp = out.op("Add", List.of(out.op("Mul", List.of(x, out.scalar(type, alpha))), out.scalar(type, beta)));
            String inside = out.op("And", List.of(out.op("Greater", List.of(ramp, zero)),
                    out.op("Less", List.of(ramp, out.scalar(type, 1)))));
            ctx.addGradient(x, out.op("Where", List.of(inside, out.op("Mul", List.of(g, out.scalar(type, alpha))), zero)));
            return;
        }
        String middle = out.op("Add", List.of(out.op("Mul", List.of(x, out.scalar(type, 1.0 / 3))), out.scalar(type, 0.5)));
        String slope = out.op("Where", List.of(out.op("Less", List.of(x, out.scalar(type, -3))), zero,
                out.op("Where", List.of(out.op("Greater", List.of(x, out.scalar(type, 3))), out.scalar(type, 1), middle))));
        ctx.addGradient(x, out.op("Mul", List.of(g, slope)));
    }
}

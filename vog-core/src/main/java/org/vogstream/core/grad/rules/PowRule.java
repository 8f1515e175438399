package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Tensors;

/**
 * Pow with a constant exponent c (x², x^0.5 in hand-written normalizations): g·c·x^(c−1); c = 2,
 * the common case, as g·2x.
 */
public final class PowRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        String exponent = node.getInput(1);
        if (ctx.needsGradient(exponent) || ctx.constant(exponent).isEmpty()) {
            throw ctx.unsupported(node, "only a constant exponent is supported");
        }
        double[] c = Tensors.toDoubles(ctx.constant(exponent).get());
        if (c.length != 1) {
            throw ctx.unsupported(node, "only a scalar exponent is supported");
        }
        var out = ctx.graph();
        int type = ctx.elementType(x);
        String power = c[0] == 2 ? x : out.op("Pow", List.of(x, out.scalar(type, c[0] - 1)));
        String slope = out.op("Mul", List.of(power, out.scalar(type, c[0])));
        ctx.addGradient(x, ctx.unbroadcast(out.op("Mul", List.of(outputGrads[0], slope)), ctx.shape(node.getOutput(0)), x));
    }
}

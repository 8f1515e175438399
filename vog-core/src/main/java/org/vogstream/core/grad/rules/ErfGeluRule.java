package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;

/**
 * Erf (the exact GELU of exports before opset 20 is Div, Erf, Add, Mul, Mul): slope 2/√π·e^(−x²);
 * Gelu (opset 20): Φ(x) + x·φ(x) exactly, and for approximate="tanh" with u = √(2/π)(x + 0.044715x³):
 * ½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²).
 */
public final class ErfGeluRule implements GradientRule {
    private static final double TANH_CUBIC = 0.044715;

    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        int type = ctx.elementType(x);
        var out = ctx.graph();
        String square = out.op("Mul", List.of(x, x));
        String slope;
        if (node.getOpType().equals("Erf")) {
            slope = out.op("Mul", List.of(out.scalar(type, 2 / Math.sqrt(Math.PI)), out.op("Exp", List.of(out.op("Neg", List.of(square))))));
        } else if (Attributes.getString(node, "approximate", "none").equals("tanh")) {
            double k = Math.sqrt(2 / Math.PI);
            String u = out.op("Mul", List.of(out.scalar(type, k), out.op("Add", List.of(x,
                    out.op("Mul", List.of(out.scalar(type, TANH_CUBIC), out.op("Mul", List.of(square, x))))))));
            String t = out.op("Tanh", List.of(u));
            String half = out.scalar(type, 0.5);
            String first = out.op("Mul", List.of(half, out.op("Add", List.of(out.scalar(type, 1), t))));
            String du = out.op("Mul", List.of(out.scalar(type, k), out.op("Add", List.of(out.scalar(type, 1),
                    out.op("Mul", List.of(out.scalar(type, 3 * TANH_CUBIC), square))))));
            String second = out.op("Mul", List.of(out.op("Mul", List.of(half, x)), out.op("Mul", List.of(
                    out.op("Sub", List.of(out.scalar(type, 1), out.op("Mul", List.of(t, t)))), du))));
            slope = out.op("Add", List.of(first, second));
        } else {
            String cdf = out.op("Mul", List.of(out.scalar(type, 0.5), out.op("Add", List.of(out.scalar(type, 1),
                    out.op("Erf", List.of(out.op("Mul", List.of(x, out.scalar(type, Math.sqrt(0.5))))))))));
            String pdf = out.op("Mul", List.of(out.scalar(type, 1 / Math.sqrt(2 * Math.PI)),
                    out.op("Exp", List.of(out.op("Mul", List.of(square, out.scalar(type, -0.5)))))));
            slope = out.op("Add", List.of(cdf, out.op("Mul", List.of(x, pdf))));
        }
        ctx.addGradient(x, out.op("Mul", List.of(outputGrads[0], slope)));
    }
}

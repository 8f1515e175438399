package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;

/** Add, Sub, Mul, Div with numpy broadcasting: each operand's gradient is unbroadcast to its shape. */
public final class ElementwiseArithmeticRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String a = node.getInput(0);
        String b = node.getInput(1);
        String g = outputGrads[0];
        long[] y = ctx.shape(node.getOutput(0));
        var out = ctx.graph();
        String gradA = null;
        String gradB = null;
        switch (node.getOpType()) {
            case "Add" -> {
                gradA = g;
                gradB = g;
            }
            case "Sub" -> {
                gradA = g;
                gradB = ctx.needsGradient(b) ? out.op("Neg", List.of(g)) : null;
            }
            case "Mul" -> {
                gradA = ctx.needsGradient(a) ? out.op("Mul", List.of(g, b)) : null;
                gradB = ctx.needsGradient(b) ? out.op("Mul", List.of(g, a)) : null;
            }
            case "Div" -> {
                gradA = ctx.needsGradient(a) ? out.op("Div", List.of(g, b)) : null;
                // d(a/b)/db = -a/b² = -y/b
                gradB = ctx.needsGradient(b)
                        ? out.op("Neg", List.of(out.op("Div", List.of(out.op("Mul", List.of(g, node.getOutput(0))), b))))
                        : null;
            }
            default -> throw ctx.unsupported(node, "not an arithmetic op");
        }
        if (ctx.needsGradient(a)) {
            ctx.addGradient(a, ctx.unbroadcast(gradA, y, a));
        }
        if (ctx.needsGradient(b)) {
            ctx.addGradient(b, ctx.unbroadcast(gradB, y, b));
        }
    }
}

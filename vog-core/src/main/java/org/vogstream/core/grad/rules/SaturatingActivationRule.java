package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;

/**
 * Sigmoid, Tanh and Softsign: g·slope, the slope computed from the forward output y — y·(1−y) for
 * Sigmoid, 1−y² for Tanh, (1−|y|)² for Softsign (y = x/(1+|x|), so 1/(1+|x|) = 1−|y|) — so the
 * activation is never evaluated twice.
 */
public final class SaturatingActivationRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String y = node.getOutput(0);
        String one = ctx.graph().scalar(ctx.elementType(y), 1);
        var out = ctx.graph();
        String slope = switch (node.getOpType()) {
            case "Sigmoid" -> out.op("Mul", List.of(y, out.op("Sub", List.of(one, y))));
            case "Tanh" -> out.op("Sub", List.of(one, out.op("Mul", List.of(y, y))));
            default -> {
                String rest = out.op("Sub", List.of(one, out.op("Abs", List.of(y))));
                yield out.op("Mul", List.of(rest, rest));
            }
        };
        ctx.addGradient(node.getInput(0), ctx.graph().op("Mul", List.of(outputGrads[0], slope)));
    }
}

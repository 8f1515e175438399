package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;

/**
 * Exp, Log, Sqrt, Reciprocal and Softplus, each slope written from the forward output where it can
 * be (Exp: y, Sqrt: 1/(2y), Reciprocal: −y²) so nothing is evaluated twice; Log: 1/x; Softplus
 * log(1 + eˣ): sigmoid(x). Mish, x·tanh(softplus(x)), is this, Tanh and Mul.
 */
public final class ExpLogRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        String y = node.getOutput(0);
        String g = outputGrads[0];
        var out = ctx.graph();
        int type = ctx.elementType(x);
        String grad;
        switch (node.getOpType()) {
            case "Exp" -> grad = out.op("Mul", List.of(g, y));
            case "Log" -> grad = out.op("Div", List.of(g, x));
            case "Sqrt" -> grad = out.op("Div", List.of(g, out.op("Mul", List.of(y, out.scalar(type, 2)))));
            case "Reciprocal" -> grad = out.op("Neg", List.of(out.op("Mul", List.of(g, out.op("Mul", List.of(y, y))))));
            case "Softplus" -> grad = out.op("Mul", List.of(g, out.op("Sigmoid", List.of(x))));
            default -> throw ctx.unsupported(node, "not an exponential or logarithm");
        }
        ctx.addGradient(x, grad);
    }
}

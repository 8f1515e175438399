package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;

/**
 * Elu(α), Selu(α, γ) and Celu(α): slope s above zero, and below it a slope read off the output y,
 * so the exponential is never evaluated twice — Elu: y + α; Selu: y + γα (s = γ); Celu: y/α + 1.
 */
public final class ExponentialLinearRule implements GradientRule {
    // ONNX's defaults for Selu, to float precision as the spec writes them
    private static final float SELU_ALPHA = 1.67326319217681884765625f;
    private static final float SELU_GAMMA = 1.05070102214813232421875f;

    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        String y = node.getOutput(0);
        int type = ctx.elementType(x);
        var out = ctx.graph();
        double above;
        String below;
        switch (node.getOpType()) {
            case "Elu" -> {
                above = 1;
                below = out.op("Add", List.of(y, out.scalar(type, Attributes.getFloat(node, "alpha", 1f))));
            }
            case "Selu" -> {
                double gamma = Attributes.getFloat(node, "gamma", SELU_GAMMA);
                above = gamma;
                below = out.op("Add", List.of(y, out.scalar(type, gamma * Attributes.getFloat(node, "alpha", SELU_ALPHA))));
            }
            case "Celu" -> {
                above = 1;
                double alpha = Attributes.getFloat(node, "alpha", 1f);
                below = out.op("Add", List.of(out.op("Div", List.of(y, out.scalar(type, alpha))), out.scalar(type, 1)));
            }
            default -> throw ctx.unsupported(node, "not an exponential linear unit");
        }
        String positive = out.op("Greater", List.of(x, out.scalar(type, 0)));
        String slope = out.op("Where", List.of(positive, out.scalar(type, above), below));
        ctx.addGradient(x, out.op("Mul", List.of(outputGrads[0], slope)));
    }
}

package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;

/**
 * Ops that are the identity at inference: Identity, Dropout (eval mode), and Cast between
 * floating types (the gradient is cast back).
 */
public final class PassThroughRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        if (node.getOpType().equals("Dropout") && node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
            boolean training = ctx.constant(node.getInput(2))
                    .map(t -> t.getRawData().isEmpty() ? t.getInt32Data(0) != 0 : t.getRawData().byteAt(0) != 0)
                    .orElse(true);
            if (training) {
                throw ctx.unsupported(node, "Dropout in training mode (training_mode must be a constant false)");
            }
        }
        String g = outputGrads[0];
        if (node.getOpType().equals("Cast") && ctx.elementType(x) != ctx.elementType(node.getOutput(0))) {
            g = ctx.graph().op("Cast", List.of(g), Attributes.of("to", (long) ctx.elementType(x)));
        }
        ctx.addGradient(x, g);
    }
}

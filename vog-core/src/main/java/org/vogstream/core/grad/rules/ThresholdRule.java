package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;

/**
 * ThresholdedRelu(α) and Shrink(λ, bias): slope 1 where the input passes (x &gt; α; |x| &gt; λ), 0
 * where it is cut; the jump at the threshold has no derivative, as at ReLU's kink.
 */
public final class ThresholdRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        int type = ctx.elementType(x);
        var out = ctx.graph();
        String passes = node.getOpType().equals("ThresholdedRelu")
                ? out.op("Greater", List.of(x, out.scalar(type, Attributes.getFloat(node, "alpha", 1f))))
                : out.op("Greater", List.of(out.op("Abs", List.of(x)), out.scalar(type, Attributes.getFloat(node, "lambd", 0.5f))));
        ctx.addGradient(x, out.op("Where", List.of(passes, outputGrads[0], out.scalar(type, 0))));
    }
}

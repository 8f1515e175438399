package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;

/**
 * Concat: the gradient is split back into the inputs' extents along the axis. The extents are read
 * at run time, so concatenation along the batch axis works for any batch size.
 */
public final class ConcatRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        int rank = ctx.rank(node.getOutput(0));
        long axis = Attributes.getInt(node, "axis", 0);
        if (axis < 0) {
            axis += rank;
        }
        List<String> sizes = new ArrayList<>();
        for (String in : node.getInputList()) {
            sizes.add(ctx.graph().op("Gather", List.of(ctx.shapeOf(in), ctx.graph().int64s(axis)),
                    Attributes.of("axis", 0L)));
        }
        String splitSizes = ctx.graph().op("Concat", sizes, Attributes.of("axis", 0L));
        String[] parts = ctx.graph().ops("Split", List.of(outputGrads[0], splitSizes), node.getInputCount(),
                Attributes.of("axis", axis));
        for (int i = 0; i < parts.length; i++) {
            if (ctx.needsGradient(node.getInput(i))) {
                ctx.addGradient(node.getInput(i), parts[i]);
            }
        }
    }
}

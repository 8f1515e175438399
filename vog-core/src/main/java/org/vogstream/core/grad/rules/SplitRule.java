package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.Tensors;

/** Split: the outputs' gradients concatenated back along the split axis, zeros for unused parts. */
public final class SplitRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        int rank = ctx.rank(x);
        long axis = Attributes.getInt(node, "axis", 0);
        if (axis == 0 || axis == -rank) {
            throw ctx.unsupported(node, "splitting the batch axis mixes examples");
        }
        var out = ctx.graph();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < node.getOutputCount(); i++) {
            if (outputGrads[i] != null) {
                parts.add(outputGrads[i]);
            } else {
                parts.add(out.op("ConstantOfShape", List.of(out.op("Shape", List.of(node.getOutput(i)))),
                        Attributes.of("value", Tensors.ofType(ctx.elementType(x), "", new long[] {1}, 0))));
            }
        }
        ctx.addGradient(x, out.op("Concat", parts, Attributes.of("axis", axis)));
    }
}

package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;

/** GlobalAveragePool: the gradient divided by the spatial size, expanded over the spatial axes. */
public final class GlobalAveragePoolRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        long[] shape = ctx.shape(x);
        long spatial = 1;
        for (int i = 2; i < shape.length; i++) {
            spatial *= shape[i];
        }
        var out = ctx.graph();
        String scaled = out.op("Mul", List.of(outputGrads[0], out.scalar(ctx.elementType(x), 1.0 / spatial)));
        ctx.addGradient(x, out.op("Expand", List.of(scaled, ctx.shapeOf(x))));
    }
}

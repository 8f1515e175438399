package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;

/**
 * Where(condition, a, b): g goes to a where the condition holds and to b elsewhere, each part
 * unbroadcast. The condition carries no gradient (it is boolean); one computed from the input is
 * piecewise constant, so the rule holds away from where it flips.
 */
public final class WhereRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String condition = node.getInput(0);
        long[] shape = ctx.shape(node.getOutput(0));
        var out = ctx.graph();
        String zero = out.scalar(ctx.elementType(node.getOutput(0)), 0);
        String g = outputGrads[0];
        if (ctx.needsGradient(node.getInput(1))) {
            ctx.addGradient(node.getInput(1), ctx.unbroadcast(out.op("Where", List.of(condition, g, zero)), shape,
                    node.getInput(1)));
        }
        if (ctx.needsGradient(node.getInput(2))) {
            ctx.addGradient(node.getInput(2), ctx.unbroadcast(out.op("Where", List.of(condition, zero, g)), shape,
                    node.getInput(2)));
        }
    }
}

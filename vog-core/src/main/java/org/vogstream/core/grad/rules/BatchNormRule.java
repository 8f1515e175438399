package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;

/**
 * BatchNormalization in inference mode is a per-channel affine map: the gradient is scaled by
 * scale/√(var+ε). ONNX Runtime's own BN gradient uses batch statistics, which is wrong here.
 */
public final class BatchNormRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        if (Attributes.getInt(node, "training_mode", 0) != 0 || node.getOutputCount() > 1) {
            throw ctx.unsupported(node, "training mode (running statistics must be used for inference)");
        }
        for (int i = 1; i < node.getInputCount(); i++) {
            if (ctx.needsGradient(node.getInput(i))) {
                throw ctx.unsupported(node, "scale, bias, mean and variance must not depend on the input");
            }
        }
        String x = node.getInput(0);
        int type = ctx.elementType(x);
        double epsilon = Attributes.getFloat(node, "epsilon", 1e-5f);
        var out = ctx.graph();
        String std = out.op("Sqrt", List.of(out.op("Add", List.of(node.getInput(4), out.scalar(type, epsilon)))));
        String factor = out.op("Div", List.of(node.getInput(1), std));
        int spatial = ctx.rank(x) - 2;
        if (spatial > 0) {
            long[] perChannel = new long[spatial + 1];
            java.util.Arrays.fill(perChannel, 1);
            perChannel[0] = -1;
            factor = out.op("Reshape", List.of(factor, out.int64s(perChannel)));
        }
        ctx.addGradient(x, out.op("Mul", List.of(outputGrads[0], factor)));
    }
}

package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;

/**
 * Gemm: Y = α·op(A)·op(B) + β·C. Each operand's gradient is itself one Gemm whose transposition
 * flags follow from transA/transB; C's is β·g unbroadcast to C's shape.
 */
public final class GemmRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String a = node.getInput(0);
        String b = node.getInput(1);
        String g = outputGrads[0];
        boolean ta = Attributes.getInt(node, "transA", 0) != 0;
        boolean tb = Attributes.getInt(node, "transB", 0) != 0;
        double alpha = Attributes.getFloat(node, "alpha", 1f);
        if (ctx.needsGradient(a)) {
            // dA = α·g·op(B)ᵀ, or its transpose α·op(B)·gᵀ when A enters transposed
            String grad = ta ? gemm(ctx, b, g, alpha, tb, true) : gemm(ctx, g, b, alpha, false, !tb);
            ctx.addGradient(a, grad);
        }
        if (ctx.needsGradient(b)) {
            // dB = α·op(A)ᵀ·g, or its transpose α·gᵀ·op(A) when B enters transposed
            String grad = tb ? gemm(ctx, g, a, alpha, true, ta) : gemm(ctx, a, g, alpha, !ta, false);
            ctx.addGradient(b, grad);
        }
        if (node.getInputCount() > 2 && ctx.needsGradient(node.getInput(2))) {
            String c = node.getInput(2);
            double beta = Attributes.getFloat(node, "beta", 1f);
            String scaled = beta == 1 ? g : ctx.graph().op("Mul", List.of(g, ctx.graph().scalar(ctx.elementType(c), beta)));
            ctx.addGradient(c, ctx.unbroadcast(scaled, ctx.shape(node.getOutput(0)), c));
        }
    }

    private static String gemm(GradientContext ctx, String x, String y, double alpha, boolean transA, boolean transB) {
        List<AttributeProto> attrs = new ArrayList<>();
        if (alpha != 1) {
            attrs.add(Attributes.of("alpha", alpha));
        }
        if (transA) {
            attrs.add(Attributes.of("transA", 1L));
        }
        if (transB) {
            attrs.add(Attributes.of("transB", 1L));
        }
        return ctx.graph().op("Gemm", List.of(x, y), attrs.toArray(AttributeProto[]::new));
    }
}

package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;

/**
 * MatMul with numpy semantics: dA = g·Bᵀ and dB = Aᵀ·g over the last two axes, unbroadcast over
 * the batch axes. A 1-D B (a matrix-vector product) is handled as a column.
 */
public final class MatMulRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String a = node.getInput(0);
        String b = node.getInput(1);
        String g = outputGrads[0];
        var out = ctx.graph();
        if (ctx.rank(a) < 2) {
            throw ctx.unsupported(node, "MatMul with a 1-D first operand");
        }
        boolean vector = ctx.rank(b) == 1;
        if (vector) {
            // y[..., m] = Σ_k a[..., m, k]·b[k]: treat b as [k, 1] and g as [..., m, 1]
            g = out.op("Unsqueeze", List.of(g, out.int64s(-1)));
        }
        String bMatrix = vector ? out.op("Unsqueeze", List.of(b, out.int64s(-1))) : b;
        long[] product = ctx.shape(node.getOutput(0));
        if (vector) {
            product = java.util.Arrays.copyOf(product, product.length + 1);
            product[product.length - 1] = 1;
        }
        if (ctx.needsGradient(a)) {
            String grad = out.op("MatMul", List.of(g, transposeLastTwo(ctx, bMatrix, vector ? 2 : ctx.rank(b))));
            ctx.addGradient(a, ctx.unbroadcast(grad, broadcastShape(product, ctx.shape(a)), a));
        }
        if (ctx.needsGradient(b)) {
            String grad = out.op("MatMul", List.of(transposeLastTwo(ctx, a, ctx.rank(a)), g));
            long[] gradShape = product.clone();
            gradShape[gradShape.length - 2] = ctx.shape(a)[ctx.rank(a) - 1];
            if (vector) {
                if (gradShape.length > 2) {
                    long[] batchAxes = java.util.stream.LongStream.range(0, gradShape.length - 2).toArray();
                    grad = out.op("ReduceSum", List.of(grad, out.int64s(batchAxes)), Attributes.of("keepdims", 0L));
                }
                ctx.addGradient(b, out.op("Reshape", List.of(grad, ctx.shapeOf(b))));
            } else {
                ctx.addGradient(b, ctx.unbroadcast(grad, gradShape, b));
            }
        }
    }

    /** Shape of g·Bᵀ: the product's shape with A's last axis (batch axes as broadcast). */
    private static long[] broadcastShape(long[] product, long[] a) {
        long[] s = product.clone();
        s[s.length - 1] = a[a.length - 1];
        return s;
    }

    private static String transposeLastTwo(GradientContext ctx, String x, int rank) {
        long[] perm = new long[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = i;
        }
        perm[rank - 2] = rank - 1;
        perm[rank - 1] = rank - 2;
        return ctx.graph().op("Transpose", List.of(x), Attributes.of("perm", perm));
    }
}

package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.onnx.Tensors;

/**
 * Gather of a float tensor at constant indices (a ViT's class token {@code x[:, 0]}, a channel
 * pick): the gradient, its index axes folded into one of K = |indices| entries and moved last, is
 * multiplied by the constant K×D selection matrix M[k][indices[k]] = 1, which also adds the
 * gradients of repeated indices, and moved back.
 */
public final class GatherRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        long[] in = ctx.shape(x);
        int axis = Shapes.axis(Attributes.getInt(node, "axis", 0), in.length);
        if (axis == 0) {
            throw ctx.unsupported(node, "gathering along the batch axis mixes examples");
        }
        long[] indices = ctx.constant(node.getInput(1)).map(Tensors::toLongs)
                .orElseThrow(() -> ctx.unsupported(node, "indices must be a constant"));
        var out = ctx.graph();
        long[] folded = in.clone();
        folded[0] = 0;
        folded[axis] = indices.length;
        String g = out.op("Reshape", List.of(outputGrads[0], out.int64s(folded)));
        g = scatterBack(ctx, g, axis, in.length, indices, in[axis], ctx.elementType(x));
        ctx.addGradient(x, g);
    }

    /**
     * The adjoint of picking {@code indices} (negative ones counted from the end) along {@code axis}
     * of an extent {@code d}: {@code g} [..., K, ...] moved to [..., K], times the K×d selection
     * matrix, moved back to [..., d, ...].
     */
    static String scatterBack(GradientContext ctx, String g, int axis, int rank, long[] indices, long d, int type) {
        int k = indices.length;
        double[] select = new double[(int) (k * d)];
        for (int i = 0; i < k; i++) {
            long index = indices[i] < 0 ? indices[i] + d : indices[i];
            select[(int) (i * d + index)] += 1;
        }
        var out = ctx.graph();
        long[] last = new long[rank];
        int j = 0;
        for (int a = 0; a < rank; a++) {
            if (a != axis) {
                last[j++] = a;
            }
        }
        last[rank - 1] = axis;
        boolean move = axis != rank - 1;
        String moved = move ? out.op("Transpose", List.of(g), Attributes.of("perm", last)) : g;
        String back = out.op("MatMul", List.of(moved, out.constant(Tensors.ofType(type, "", new long[] {k, d}, select))));
        if (!move) {
            return back;
        }
        long[] inverse = new long[rank];
        for (int a = 0; a < rank; a++) {
            inverse[(int) last[a]] = a;
        }
        return out.op("Transpose", List.of(back), Attributes.of("perm", inverse));
    }
}

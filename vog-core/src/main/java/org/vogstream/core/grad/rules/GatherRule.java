package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Set;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.Tensors;

/**
 * Gather of a float tensor at constant indices (a ViT's class token {@code x[:, 0]}, a channel
 * pick): the gradient, its index axes folded into one of K = |indices| entries and moved last, is
 * multiplied by the constant K×D selection matrix M[k][indices[k]] = 1, which also adds the
 * gradients of repeated indices, and moved back.
 */
public final class GatherRule implements GradientRule {
    @Override
    public Set<String> opTypes() {
        return Set.of("Gather");
    }

    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        long[] in = ctx.shape(x);
        int rank = in.length;
        long axisAttr = Attributes.getInt(node, "axis", 0);
        int axis = (int) (axisAttr < 0 ? axisAttr + rank : axisAttr);
        if (axis == 0) {
            throw ctx.unsupported(node, "gathering along the batch axis mixes examples");
        }
        long[] indices = ctx.constant(node.getInput(1)).map(Tensors::toLongs)
                .orElseThrow(() -> ctx.unsupported(node, "indices must be a constant"));
        int k = indices.length;
        long d = in[axis];
        double[] select = new double[(int) (k * d)];
        for (int i = 0; i < k; i++) {
            long index = indices[i] < 0 ? indices[i] + d : indices[i];
            select[(int) (i * d + index)] += 1;
        }
        var out = ctx.graph();
        long[] folded = in.clone();
        folded[0] = 0;
        folded[axis] = k;
        String g = out.op("Reshape", List.of(outputGrads[0], out.int64s(folded)));
        long[] last = new long[rank];
        int j = 0;
        for (int a = 0; a < rank; a++) {
            if (a != axis) {
                last[j++] = a;
            }
        }
        last[rank - 1] = axis;
        boolean move = axis != rank - 1;
        if (move) {
            g = out.op("Transpose", List.of(g), Attributes.of("perm", last));
        }
        g = out.op("MatMul", List.of(g, out.constant(Tensors.ofType(ctx.elementType(x), "", new long[] {k, d}, select))));
        if (move) {
            long[] back = new long[rank];
            for (int a = 0; a < rank; a++) {
                back[(int) last[a]] = a;
            }
            g = out.op("Transpose", List.of(g), Attributes.of("perm", back));
        }
        ctx.addGradient(x, g);
    }
}

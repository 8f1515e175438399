package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;

/** Transpose: the gradient is transposed with the inverse permutation. */
public final class TransposeRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        int rank = ctx.rank(x);
        long[] perm = Attributes.getInts(node, "perm").orElseGet(() -> {
            long[] reversed = new long[rank];
            for (int i = 0; i < rank; i++) {
                reversed[i] = rank - 1 - i;
            }
            return reversed;
        });
        long[] inverse = new long[rank];
        for (int i = 0; i < rank; i++) {
            inverse[(int) perm[i]] = i;
        }
        ctx.addGradient(x, ctx.graph().op("Transpose", List.of(outputGrads[0]), Attributes.of("perm", inverse)));
    }
}

package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;

/**
 * LayerNormalization (over the axes from {@code axis} on) and InstanceNormalization (over the
 * spatial axes), which normalize by statistics of the example itself, so unlike inference-mode
 * BatchNormalization the statistics depend on x: with x̂ = (x − μ)/σ and ĝ = g·γ,
 * dx = (ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)) / σ, the means over the normalized axes. μ and σ are recomputed
 * (the optional Mean/InvStdDev outputs are float even for double inputs).
 */
public final class NormalizationRule implements GradientRule {
    @Override
    public Set<String> opTypes() {
        return Set.of("LayerNormalization", "InstanceNormalization");
    }

    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        if (node.getOutputCount() > 1 && node.getOutputList().stream().skip(1).anyMatch(o -> !o.isEmpty())) {
            throw ctx.unsupported(node, "the Mean and InvStdDev outputs are not differentiated");
        }
        for (int i = 1; i < node.getInputCount(); i++) {
            if (ctx.needsGradient(node.getInput(i))) {
                throw ctx.unsupported(node, "scale and bias must not depend on the input");
            }
        }
        String x = node.getInput(0);
        long[] shape = ctx.shape(x);
        int rank = shape.length;
        boolean layer = node.getOpType().equals("LayerNormalization");
        long first = layer ? Attributes.getInt(node, "axis", -1) : 2;
        long from = first < 0 ? first + rank : first;
        if (from == 0) {
            throw ctx.unsupported(node, "normalizing over the batch axis mixes examples");
        }
        long[] axes = LongStream.range(from, rank).toArray();
        long count = Arrays.stream(axes).map(a -> shape[(int) a]).reduce(1, (p, d) -> p * d);
        int type = ctx.elementType(x);
        double epsilon = Attributes.getFloat(node, "epsilon", 1e-5f);
        var out = ctx.graph();
        String mu = mean(ctx, x, axes, count, type);
        String centered = out.op("Sub", List.of(x, mu));
        String variance = mean(ctx, out.op("Mul", List.of(centered, centered)), axes, count, type);
        String inverse = out.op("Reciprocal", List.of(out.op("Sqrt", List.of(out.op("Add", List.of(variance,
                out.scalar(type, epsilon)))))));
        String normalized = out.op("Mul", List.of(centered, inverse));
        String scale = node.getInput(1);
        if (!layer) {
            long[] perChannel = new long[rank - 1];
            Arrays.fill(perChannel, 1);
            perChannel[0] = -1;
            scale = out.op("Reshape", List.of(scale, out.int64s(perChannel)));
        }
        String gs = out.op("Mul", List.of(outputGrads[0], scale));
        String inner = out.op("Sub", List.of(out.op("Sub", List.of(gs, mean(ctx, gs, axes, count, type))),
                out.op("Mul", List.of(normalized, mean(ctx, out.op("Mul", List.of(gs, normalized)), axes, count, type)))));
        ctx.addGradient(x, out.op("Mul", List.of(inner, inverse)));
    }

    private static String mean(GradientContext ctx, String t, long[] axes, long count, int type) {
        var out = ctx.graph();
        String sum = out.op("ReduceSum", List.of(t, out.int64s(axes)), Attributes.of("keepdims", 1L));
        return out.op("Mul", List.of(sum, out.scalar(type, 1.0 / count)));
    }
}

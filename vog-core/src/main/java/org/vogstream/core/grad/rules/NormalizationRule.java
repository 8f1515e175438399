package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.Shapes;

/**
 * LayerNormalization (over the axes from {@code axis} on), InstanceNormalization (over the
 * spatial axes), GroupNormalization (over each group of channels and the spatial axes) and
 * MeanVarianceNormalization (over its {@code axes}, without scale; DJL exports it), which normalize
 * by statistics of the example itself, so unlike inference-mode
 * BatchNormalization the statistics depend on x: with x̂ = (x − μ)/σ and ĝ = g·γ,
 * dx = (ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)) / σ, the means over the normalized axes. μ and σ are recomputed
 * (the optional Mean/InvStdDev outputs are float even for double inputs).
 */
public final class NormalizationRule implements GradientRule {
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
        int type = ctx.elementType(x);
        double epsilon = Attributes.getFloat(node, "epsilon", 1e-5f);
        var out = ctx.graph();
        if (node.getOpType().equals("GroupNormalization")) {
            groupNorm(node, outputGrads[0], shape, type, epsilon, ctx);
            return;
        }
        if (node.getOpType().equals("MeanVarianceNormalization")) {
            long[] axes = Arrays.stream(Attributes.getInts(node, "axes").orElse(new long[] {0, 2, 3}))
                    .map(a -> Shapes.axis(a, rank)).sorted().toArray();
            if (axes.length == 0 || axes[0] == 0) {
                throw ctx.unsupported(node, "normalizing over the batch axis mixes examples (the default axes are"
                        + " [0, 2, 3]; export with axes that leave out axis 0)");
            }
            long count = Arrays.stream(axes).map(a -> shape[(int) a]).reduce(1, (p, d) -> p * d);
            // ONNX divides by σ + 1e-9; a variance floor of 1e-18 is the same wherever σ is not vanishing
            ctx.addGradient(x, normalizedBackward(ctx, x, outputGrads[0], axes, count, 1e-18, type));
            return;
        }
        boolean layer = node.getOpType().equals("LayerNormalization");
        long first = layer ? Attributes.getInt(node, "axis", -1) : 2;
        long from = Shapes.axis(first, rank);
        if (from == 0) {
            throw ctx.unsupported(node, "normalizing over the batch axis mixes examples");
        }
        long[] axes = LongStream.range(from, rank).toArray();
        long count = Arrays.stream(axes).map(a -> shape[(int) a]).reduce(1, (p, d) -> p * d);
        String scale = layer ? node.getInput(1) : perChannel(out, node.getInput(1), rank);
        String gs = out.op("Mul", List.of(outputGrads[0], scale));
        ctx.addGradient(x, normalizedBackward(ctx, x, gs, axes, count, epsilon, type));
    }

    /**
     * GroupNormalization: x [N, C, ...] as [N, G, C/G·...], normalized over its last axis; the scale
     * is per channel (opset 21) or per group (opset 18's [G]).
     */
    private static void groupNorm(NodeProto node, String g, long[] shape, int type, double epsilon, GradientContext ctx) {
        String x = node.getInput(0);
        var out = ctx.graph();
        long groups = Attributes.getInt(node, "num_groups", 0);
        long channels = shape[1];
        long count = Arrays.stream(shape).skip(1).reduce(1, (p, d) -> p * d) / groups;
        String grouped = out.int64s(0, groups, count);
        String scale = node.getInput(1);
        String gs;
        if (ctx.shape(scale)[0] == channels) {
            gs = out.op("Reshape", List.of(out.op("Mul", List.of(g, perChannel(out, scale, shape.length))), grouped));
        } else {
            gs = out.op("Mul", List.of(out.op("Reshape", List.of(g, grouped)), perChannel(out, scale, 3)));
        }
        String dx = normalizedBackward(ctx, out.op("Reshape", List.of(x, grouped)), gs, new long[] {2}, count, epsilon, type);
        ctx.addGradient(x, out.op("Reshape", List.of(dx, ctx.shapeOf(x))));
    }

    /** A [C] vector shaped [C, 1, ...] to broadcast over axis 1 of a tensor of {@code rank}. */
    private static String perChannel(org.vogstream.core.onnx.GraphBuilder out, String vector, int rank) {
        long[] dims = new long[rank - 1];
        Arrays.fill(dims, 1);
        dims[0] = -1;
        return out.op("Reshape", List.of(vector, out.int64s(dims)));
    }

    /** (ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)) / σ over {@code axes}, with ĝ = {@code gs} the scaled output gradient. */
    private static String normalizedBackward(GradientContext ctx, String x, String gs, long[] axes, long count,
            double epsilon, int type) {
        var out = ctx.graph();
        String mu = mean(ctx, x, axes, count, type);
        String centered = out.op("Sub", List.of(x, mu));
        String variance = mean(ctx, out.op("Mul", List.of(centered, centered)), axes, count, type);
        String inverse = out.op("Reciprocal", List.of(out.op("Sqrt", List.of(out.op("Add", List.of(variance,
                out.scalar(type, epsilon)))))));
        String normalized = out.op("Mul", List.of(centered, inverse));
        String inner = out.op("Sub", List.of(out.op("Sub", List.of(gs, mean(ctx, gs, axes, count, type))),
                out.op("Mul", List.of(normalized, mean(ctx, out.op("Mul", List.of(gs, normalized)), axes, count, type)))));
        return out.op("Mul", List.of(inner, inverse));
    }

    private static String mean(GradientContext ctx, String t, long[] axes, long count, int type) {
        var out = ctx.graph();
        String sum = out.op("ReduceSum", List.of(t, out.int64s(axes)), Attributes.of("keepdims", 1L));
        return out.op("Mul", List.of(sum, out.scalar(type, 1.0 / count)));
    }
}

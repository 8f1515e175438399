package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.stream.LongStream;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.onnx.Tensors;

/**
 * Pad in constant mode: the gradient is the slice of the output gradient where the input sits,
 * starting at the leading pads. Pads are read at run time, so pad chains computed by exporters
 * work as well as constants. Edge and reflect modes (constant pads) copy input elements into the
 * border, so the border's gradient is folded back onto them, one padded axis at a time: edge adds
 * each border's sum to the first or last element, reflect adds the border reversed to the elements
 * it mirrors (1..b at the start, n−1−e..n−2 at the end).
 */
public final class PadRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String mode = Attributes.getString(node, "mode", "constant");
        if (!mode.equals("constant") && !mode.equals("edge") && !mode.equals("reflect")) {
            throw ctx.unsupported(node, "mode '" + mode + "' (constant, edge and reflect are supported)");
        }
        String x = node.getInput(0);
        String pads = node.getInput(1);
        if (!mode.equals("constant")) {
            foldBorders(node, mode.equals("reflect"), outputGrads[0], ctx);
            return;
        }
        if (node.getInputCount() > 2 && ctx.needsGradient(node.getInput(2))) {
            throw ctx.unsupported(node, "a pad value computed from the input is not differentiable here");
        }
        ctx.constant(pads).map(Tensors::toLongs).ifPresent(p -> {
            if (LongStream.of(p).anyMatch(v -> v < 0)) {
                throw ctx.unsupported(node, "negative pads (cropping)");
            }
        });
        var out = ctx.graph();
        int axesCount = (int) ctx.shape(pads)[0] / 2;
        String begin = out.op("Slice", List.of(pads, out.int64s(0), out.int64s(axesCount)));
        String axes;
        String extent;
        if (node.getInputCount() > 3 && !node.getInput(3).isEmpty()) {
            axes = node.getInput(3);
            extent = out.op("Gather", List.of(ctx.shapeOf(x), axes), Attributes.of("axis", 0L));
        } else {
            axes = out.int64s(LongStream.range(0, axesCount).toArray());
            extent = ctx.shapeOf(x);
        }
        String end = out.op("Add", List.of(begin, extent));
        ctx.addGradient(x, out.op("Slice", List.of(outputGrads[0], begin, end, axes)));
    }

    private static void foldBorders(NodeProto node, boolean reflect, String g, GradientContext ctx) {
        String x = node.getInput(0);
        long[] in = ctx.shape(x);
        int rank = in.length;
        long[] given = ctx.constant(node.getInput(1)).map(Tensors::toLongs)
                .orElseThrow(() -> ctx.unsupported(node, "edge and reflect padding need constant pads"));
        long[] axes = LongStream.range(0, rank).toArray();
        if (node.getInputCount() > 3 && !node.getInput(3).isEmpty()) {
            axes = ctx.constant(node.getInput(3)).map(Tensors::toLongs)
                    .orElseThrow(() -> ctx.unsupported(node, "edge and reflect padding need constant axes"));
        }
        var out = ctx.graph();
        String grad = g;
        for (int i = 0; i < axes.length; i++) {
            int a = Shapes.axis(axes[i], rank);
            long b = given[i];
            long e = given[axes.length + i];
            long n = in[a];
            if (b < 0 || e < 0 || reflect && (b >= n || e >= n)) {
                throw ctx.unsupported(node, "pads " + b + ", " + e + " on an axis of " + n
                        + (reflect ? " (reflect needs pads below the extent, none negative)" : " (negative pads)"));
            }
            if (b == 0 && e == 0) {
                continue;
            }
            String axis = out.int64s(a);
            String sum = out.op("Slice", List.of(grad, out.int64s(b), out.int64s(b + n), axis));
            if (b > 0) {
                String border = out.op("Slice", List.of(grad, out.int64s(0), out.int64s(b), axis));
                sum = out.op("Add", List.of(sum, reflect
                        ? placed(out, reversed(out, border, b, axis), a, rank, 1, n - 1 - b)
                        : placed(out, out.op("ReduceSum", List.of(border, axis), Attributes.of("keepdims", 1L)), a, rank, 0, n - 1)));
            }
            if (e > 0) {
                String border = out.op("Slice", List.of(grad, out.int64s(b + n), out.int64s(b + n + e), axis));
                sum = out.op("Add", List.of(sum, reflect
                        ? placed(out, reversed(out, border, e, axis), a, rank, n - 1 - e, 1)
                        : placed(out, out.op("ReduceSum", List.of(border, axis), Attributes.of("keepdims", 1L)), a, rank, n - 1, 0)));
            }
            grad = sum;
        }
        ctx.addGradient(x, grad);
    }

    /** A slice of {@code length} along {@code axis}, last element first. */
    private static String reversed(org.vogstream.core.onnx.GraphBuilder out, String t, long length, String axis) {
        return out.op("Slice", List.of(t, out.int64s(length - 1), out.int64s(-(length + 1)), axis, out.int64s(-1)));
    }

    /** {@code t} zero-padded by {@code before} and {@code after} along axis {@code a}. */
    private static String placed(org.vogstream.core.onnx.GraphBuilder out, String t, int a, int rank, long before, long after) {
        long[] pads = new long[2 * rank];
        pads[a] = before;
        pads[rank + a] = after;
        return out.op("Pad", List.of(t, out.int64s(pads)));
    }
}

package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.stream.LongStream;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.onnx.Tensors;

/**
 * Slice with constant starts, ends, axes and steps (opset ≥ 10 inputs; the upgrade moves the
 * attributes of older ones). With unit steps the gradient is zero-padded back to the input's
 * extent, the sliced part's offset taken from the start and its length from the measured output
 * shape; with other steps (strided or reversed) each sliced axis is a pick of constant indices, sent
 * back as {@link GatherRule} does.
 */
public final class SliceRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        long[] in = ctx.shape(x);
        long[] outShape = ctx.shape(node.getOutput(0));
        int rank = in.length;
        long[] starts = constant(node, 1, ctx);
        long[] axes = node.getInputCount() > 3 && !node.getInput(3).isEmpty() ? constant(node, 3, ctx)
                : LongStream.range(0, starts.length).toArray();
        long[] ends = constant(node, 2, ctx);
        if (node.getInputCount() > 4 && !node.getInput(4).isEmpty()) {
            long[] steps = constant(node, 4, ctx);
            if (LongStream.of(steps).anyMatch(step -> step != 1)) {
                strided(node, outputGrads[0], starts, ends, axes, steps, ctx);
                return;
            }
        }
        long[] pads = new long[2 * rank];
        for (int i = 0; i < axes.length; i++) {
            int a = Shapes.axis(axes[i], rank);
            if (a == 0 && outShape[0] != in[0]) {
                throw ctx.unsupported(node, "slicing the batch axis mixes examples");
            }
            long start = starts[i] < 0 ? starts[i] + in[a] : starts[i];
            start = Math.max(0, Math.min(start, in[a]));
            pads[a] = start;
            pads[rank + a] = in[a] - start - outShape[a];
        }
        var out = ctx.graph();
        ctx.addGradient(x, out.op("Pad", List.of(outputGrads[0], out.int64s(pads))));
    }

    private static void strided(NodeProto node, String g, long[] starts, long[] ends, long[] axes, long[] steps,
            GradientContext ctx) {
        String x = node.getInput(0);
        long[] in = ctx.shape(x);
        int rank = in.length;
        for (int i = 0; i < axes.length; i++) {
            int a = Shapes.axis(axes[i], rank);
            if (a == 0) {
                throw ctx.unsupported(node, "slicing the batch axis mixes examples");
            }
            g = GatherRule.scatterBack(ctx, g, a, rank, picked(starts[i], ends[i], steps[i], in[a]), in[a],
                    ctx.elementType(x));
        }
        ctx.addGradient(x, g);
    }

    /** The indices ONNX's Slice picks along one axis of extent {@code d}. */
    static long[] picked(long start, long end, long step, long d) {
        long s = start < 0 ? start + d : start;
        long e = end < 0 ? end + d : end;
        if (step > 0) {
            s = Math.max(0, Math.min(s, d));
            e = Math.max(0, Math.min(e, d));
        } else {
            s = Math.max(0, Math.min(s, d - 1));
            e = Math.max(-1, Math.min(e, d - 1));
        }
        LongStream.Builder picked = LongStream.builder();
        for (long i = s; step > 0 ? i < e : i > e; i += step) {
            picked.add(i);
        }
        return picked.build().toArray();
    }

    private static long[] constant(NodeProto node, int input, GradientContext ctx) {
        return ctx.constant(node.getInput(input)).map(Tensors::toLongs)
                .orElseThrow(() -> ctx.unsupported(node, "starts, ends, axes and steps must be constants"));
    }
}

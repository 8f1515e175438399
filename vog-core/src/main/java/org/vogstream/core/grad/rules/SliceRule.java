package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Set;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Tensors;

/**
 * Slice with constant starts, ends, axes and unit steps (opset ≥ 10 inputs; the upgrade moves the
 * attributes of older ones): the gradient is zero-padded back to the input's extent, the sliced
 * part's offset taken from the start and its length from the measured output shape.
 */
public final class SliceRule implements GradientRule {
    @Override
    public Set<String> opTypes() {
        return Set.of("Slice");
    }

    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        long[] in = ctx.shape(x);
        long[] outShape = ctx.shape(node.getOutput(0));
        int rank = in.length;
        long[] starts = constant(node, 1, ctx);
        long[] axes = node.getInputCount() > 3 && !node.getInput(3).isEmpty() ? constant(node, 3, ctx)
                : java.util.stream.LongStream.range(0, starts.length).toArray();
        if (node.getInputCount() > 4 && !node.getInput(4).isEmpty()) {
            for (long step : constant(node, 4, ctx)) {
                if (step != 1) {
                    throw ctx.unsupported(node, "step " + step + " (only unit steps are supported)");
                }
            }
        }
        constant(node, 2, ctx);
        long[] pads = new long[2 * rank];
        for (int i = 0; i < axes.length; i++) {
            int a = (int) (axes[i] < 0 ? axes[i] + rank : axes[i]);
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

    private static long[] constant(NodeProto node, int input, GradientContext ctx) {
        return ctx.constant(node.getInput(input)).map(Tensors::toLongs)
                .orElseThrow(() -> ctx.unsupported(node, "starts, ends, axes and steps must be constants"));
    }
}

package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.onnx.Tensors;

/**
 * ReduceMean, ReduceSum, ReduceMax, ReduceMin and GlobalMaxPool (a ReduceMax over the spatial axes):
 * the gradient gets its reduced axes back (when keepdims=0), is divided by the number of reduced
 * elements for a mean, and is expanded to the input's shape; a max or min passes it only to the
 * elements equal to the result, shared evenly among ties (PyTorch's amax/amin gradient). Axes come
 * from the attribute or from a constant second input, whichever the node's opset uses.
 */
public final class ReduceRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        long[] shape = ctx.shape(x);
        int rank = shape.length;
        boolean global = node.getOpType().equals("GlobalMaxPool");
        long[] axes = global ? LongStream.range(2, rank).toArray() : axes(node, ctx);
        if (axes.length == 0) {
            if (Attributes.getInt(node, "noop_with_empty_axes", 0) != 0) {
                ctx.addGradient(x, outputGrads[0]);
                return;
            }
            axes = LongStream.range(0, rank).toArray();
        }
        axes = Arrays.stream(axes).map(a -> Shapes.axis(a, rank)).sorted().toArray();
        var out = ctx.graph();
        String g = outputGrads[0];
        String y = node.getOutput(0);
        if (!global && Attributes.getInt(node, "keepdims", 1) == 0) {
            g = out.op("Unsqueeze", List.of(g, out.int64s(axes)));
            y = out.op("Unsqueeze", List.of(y, out.int64s(axes)));
        }
        if (Arrays.stream(axes).anyMatch(a -> a == 0)) {
            throw ctx.unsupported(node, "a reduction over the batch axis mixes examples");
        }
        int type = ctx.elementType(x);
        if (node.getOpType().equals("ReduceMean")) {
            long count = Arrays.stream(axes).map(a -> shape[(int) a]).reduce(1, (p, d) -> p * d);
            g = out.op("Mul", List.of(g, out.scalar(type, 1.0 / count)));
        }
        String expanded = out.op("Expand", List.of(g, ctx.shapeOf(x)));
        if (global || node.getOpType().equals("ReduceMax") || node.getOpType().equals("ReduceMin")) {
            String hit = out.op("Cast", List.of(out.op("Equal", List.of(x, y))), Attributes.of("to", (long) type));
            String ties = out.op("ReduceSum", List.of(hit, out.int64s(axes)), Attributes.of("keepdims", 1L));
            expanded = out.op("Mul", List.of(expanded, out.op("Div", List.of(hit, ties))));
        }
        ctx.addGradient(x, expanded);
    }

    private static long[] axes(NodeProto node, GradientContext ctx) {
        if (node.getInputCount() > 1 && !node.getInput(1).isEmpty()) {
            return ctx.constant(node.getInput(1)).map(Tensors::toLongs)
                    .orElseThrow(() -> ctx.unsupported(node, "axes computed at run time"));
        }
        return Attributes.getInts(node, "axes").orElse(new long[0]);
    }
}

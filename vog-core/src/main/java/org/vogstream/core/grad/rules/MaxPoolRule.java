package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Set;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.Tensors;

/**
 * MaxPool: the forward node also returns its argmax indices (flat over N·C·H·W), and the gradient
 * goes back to them. Where windows do not overlap (kernel ≤ stride on every axis, no dilation, no
 * partial window of ceil_mode), no input is the argmax of two windows, so MaxUnpool places the
 * gradient, instead of zeros and a ScatterElements (and their Reshapes):
 * the bundled LeNet's fused graph at batch 64 took 11.5 instead of 13.2 ms on one thread (best of
 * 15 interleaved rounds). Overlapping windows can pick the same input, so there the gradient is
 * scatter-added ("add", not "none"), as it is for element types other than float32, for which
 * ONNX Runtime has no MaxUnpool.
 */
public final class MaxPoolRule implements GradientRule {
    @Override
    public Set<String> opTypes() {
        return Set.of("MaxPool");
    }

    @Override
    public NodeProto prepareForward(NodeProto node) {
        if (node.getOutputCount() > 1 && !node.getOutput(1).isEmpty()) {
            return node;
        }
        NodeProto.Builder b = node.toBuilder();
        String indices = node.getOutput(0) + "/argmax";
        if (b.getOutputCount() > 1) {
            b.setOutput(1, indices);
        } else {
            b.addOutput(indices);
        }
        return b.build();
    }

    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        if (Attributes.getInt(node, "storage_order", 0) != 0) {
            throw ctx.unsupported(node, "storage_order=1 (column-major indices)");
        }
        String x = node.getInput(0);
        var out = ctx.graph();
        long[] kernel = Attributes.getInts(node, "kernel_shape")
                .orElseThrow(() -> ctx.unsupported(node, "MaxPool without kernel_shape"));
        WindowGeometry geometry = WindowGeometry.of(node, kernel, ctx);
        // ONNX Runtime implements MaxUnpool for float32 only, and refuses ceil_mode's partial windows
        if (geometry.disjointWindows() && geometry.floorWindows() && ctx.elementType(x) == ElementType.FLOAT) {
            // finite inputs always give valid indices; inputs that overflow the model give NaN
            // windows, whose indices MaxUnpool would refuse and fail the whole batch: clipped, they
            // let the scores come out non-finite for that example alone
            String last = out.op("Sub", List.of(out.op("Size", List.of(x)), out.int64Scalar(1)));
            String indices = out.op("Clip", List.of(node.getOutput(1), out.int64Scalar(0), last));
            ctx.addGradient(x, out.op("MaxUnpool", List.of(outputGrads[0], indices, ctx.shapeOf(x)),
                    Attributes.of("kernel_shape", kernel), Attributes.of("strides", geometry.strides),
                    Attributes.of("pads", geometry.pads)));
            return;
        }
        String flat = out.int64s(-1);
        String size = out.op("Reshape", List.of(out.op("Size", List.of(x)), out.int64s(1)));
        String zeros = out.op("ConstantOfShape", List.of(size),
                Attributes.of("value", Tensors.ofType(ctx.elementType(x), "", new long[] {1}, 0)));
        String scattered = out.op("ScatterElements", List.of(zeros,
                out.op("Reshape", List.of(node.getOutput(1), flat)),
                out.op("Reshape", List.of(outputGrads[0], flat))),
                Attributes.of("axis", 0L), Attributes.of("reduction", "add"));
        ctx.addGradient(x, out.op("Reshape", List.of(scattered, ctx.shapeOf(x))));
    }
}

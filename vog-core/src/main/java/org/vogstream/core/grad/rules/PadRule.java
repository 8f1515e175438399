package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.Tensors;

/**
 * Pad in constant mode: the gradient is the slice of the output gradient where the input sits,
 * starting at the leading pads. Pads are read at run time, so pad chains computed by exporters
 * work as well as constants.
 */
public final class PadRule implements GradientRule {
    @Override
    public Set<String> opTypes() {
        return Set.of("Pad");
    }

    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String mode = Attributes.getString(node, "mode", "constant");
        if (!mode.equals("constant")) {
            throw ctx.unsupported(node, "mode '" + mode + "' (only constant padding)");
        }
        String x = node.getInput(0);
        String pads = node.getInput(1);
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
}

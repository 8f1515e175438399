package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.onnx.Attributes;

/**
 * The sliding-window geometry of a Conv or pooling node over its spatial axes, with
 * {@code auto_pad} resolved to explicit pads, and the ConvTranspose attributes that map an output
 * gradient back onto exactly the input's extent.
 */
record WindowGeometry(long[] kernel, long[] strides, long[] dilations, long[] pads, long[] in, long[] out) {

    /** Geometry of {@code node}, whose data input is input 0 and output is output 0. */
    static WindowGeometry of(NodeProto node, long[] kernel, GradientContext ctx) {
        long[] x = ctx.shape(node.getInput(0));
        long[] y = ctx.shape(node.getOutput(0));
        int n = x.length - 2;
        long[] in = Arrays.copyOfRange(x, 2, x.length);
        long[] out = Arrays.copyOfRange(y, 2, y.length);
        long[] strides = Attributes.getInts(node, "strides").orElse(filled(n, 1));
        long[] dilations = Attributes.getInts(node, "dilations").orElse(filled(n, 1));
        String autoPad = Attributes.getString(node, "auto_pad", "NOTSET");
        long[] pads = new long[2 * n];
        switch (autoPad) {
            case "NOTSET" -> pads = Attributes.getInts(node, "pads").orElse(pads);
            case "VALID" -> { }
            case "SAME_UPPER", "SAME_LOWER" -> {
                for (int i = 0; i < n; i++) {
                    long effective = (kernel[i] - 1) * dilations[i] + 1;
                    long total = Math.max(0, (out[i] - 1) * strides[i] + effective - in[i]);
                    long small = total / 2;
                    pads[i] = autoPad.equals("SAME_UPPER") ? small : total - small;
                    pads[i + n] = total - pads[i];
                }
            }
            default -> throw ctx.unsupported(node, "unknown auto_pad '" + autoPad + "'");
        }
        if (Arrays.stream(pads).anyMatch(p -> p < 0)) {
            throw ctx.unsupported(node, "negative pads " + Arrays.toString(pads));
        }
        return new WindowGeometry(kernel, strides, dilations, pads, in, out);
    }

    /** Extent of one window along axis {@code i}. */
    long span(int i) {
        return (kernel[i] - 1) * dilations[i] + 1;
    }

    boolean unitStrides() {
        return Arrays.stream(strides).allMatch(s -> s == 1);
    }

    /**
     * Pads of the stride-1 correlation with the flipped kernel that maps output gradients back
     * onto the input: (k−1)·d − p at each end; {@code null} when a pad exceeds the window.
     */
    long[] flippedPads() {
        int n = kernel.length;
        long[] flipped = new long[2 * n];
        for (int i = 0; i < n; i++) {
            flipped[i] = span(i) - 1 - pads[i];
            flipped[i + n] = span(i) - 1 - pads[i + n];
        }
        return Arrays.stream(flipped).allMatch(p -> p >= 0) ? flipped : null;
    }

    /** Whether the output has exactly the windows that fit (no ceil_mode windows past the edge). */
    boolean floorWindows() {
        for (int i = 0; i < kernel.length; i++) {
            long fit = (in[i] + pads[i] + pads[i + kernel.length] - span(i)) / strides[i] + 1;
            if (fit != out[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The padded input's positions past the last window (what the stride left over), which the
     * adjoint ConvTranspose adds at the end to reach exactly the input's extent.
     */
    private long[] outputPadding() {
        int n = kernel.length;
        long[] padding = new long[n];
        for (int i = 0; i < n; i++) {
            long extent = in[i] + pads[i] + pads[i + n] - span(i);
            padding[i] = Math.floorMod(extent, strides[i]);
        }
        return padding;
    }

    /** Attributes of the ConvTranspose that is the adjoint of this window operation. */
    AttributeProto[] transposeAttributes(long group) {
        return new AttributeProto[] {Attributes.of("kernel_shape", kernel), Attributes.of("strides", strides),
            Attributes.of("dilations", dilations), Attributes.of("pads", pads),
            Attributes.of("output_padding", outputPadding()), Attributes.of("group", group)};
    }

    static long[] filled(int n, long value) {
        long[] a = new long[n];
        Arrays.fill(a, value);
        return a;
    }
}

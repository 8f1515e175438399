package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Set;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.Tensors;

/**
 * Resize (and Upsample, which the opset upgrade turns into Resize), nearest or linear, over the
 * last one or two axes. With constant scales (or sizes, whose values the measured
 * output shape gives) the op is linear and separable: along each
 * resized axis Y = A·X with A [out, in] the interpolation matrix, computed here from ONNX's
 * coordinate mapping; the gradient applies Aᵀ along each axis as a MatMul with a constant.
 */
public final class ResizeRule implements GradientRule {
    private static final Set<String> TRANSFORMS = Set.of("half_pixel", "pytorch_half_pixel", "align_corners",
            "asymmetric", "tf_half_pixel_for_nn");

    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String mode = Attributes.getString(node, "mode", "nearest");
        String transform = Attributes.getString(node, "coordinate_transformation_mode", "half_pixel");
        if (!mode.equals("nearest") && !mode.equals("linear")) {
            throw ctx.unsupported(node, "mode " + mode + " (nearest and linear are supported)");
        }
        if (!TRANSFORMS.contains(transform) || Attributes.getInt(node, "antialias", 0) != 0
                || Attributes.find(node, "axes").isPresent()) {
            throw ctx.unsupported(node, "coordinate_transformation_mode " + transform
                    + " with antialias or axes (supported: " + String.join(", ", TRANSFORMS.stream().sorted().toList()) + ")");
        }
        // sizes may be computed (torch writes Concat(Shape(x)[:2], size)): the probed output shape has them
        if (node.getInputCount() > 2 && !node.getInput(2).isEmpty() && ctx.constant(node.getInput(2)).isEmpty()) {
            throw ctx.unsupported(node, "scales must be a constant");
        }
        String x = node.getInput(0);
        long[] in = ctx.shape(x);
        long[] out = ctx.shape(node.getOutput(0));
        double[] scales = scales(node, in, out, ctx);
        int rank = in.length;
        for (int a = 0; a < rank; a++) {
            if (a < rank - 2 && in[a] != out[a]) {
                throw ctx.unsupported(node, "resizing axis " + a + " (only the last two axes may be resized)");
            }
        }
        String nearest = Attributes.getString(node, "nearest_mode", "round_prefer_floor");
        String g = outputGrads[0];
        var graph = ctx.graph();
        int type = ctx.elementType(x);
        for (int a = Math.max(0, rank - 2); a < rank; a++) {
            if (in[a] == out[a] && scales[a] == 1) {
                continue;
            }
            double[][] m = matrix((int) in[a], (int) out[a], scales[a], mode, transform, nearest);
            if (a == rank - 1) {
                // g [..., out] · A [out, in]
                g = graph.op("MatMul", List.of(g, graph.constant(Tensors.ofType(type, "", new long[] {out[a], in[a]},
                        flatten(m, false)))));
            } else {
                // Aᵀ [in, out] · g [..., out, W]
                g = graph.op("MatMul", List.of(graph.constant(Tensors.ofType(type, "", new long[] {in[a], out[a]},
                        flatten(m, true))), g));
            }
        }
        ctx.addGradient(x, g);
    }

    private static double[] scales(NodeProto node, long[] in, long[] out, GradientContext ctx) {
        double[] scales = new double[in.length];
        if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()
                && Tensors.elementCount(ctx.constant(node.getInput(2)).orElseThrow()) > 0) {
            double[] given = Tensors.toDoubles(ctx.constant(node.getInput(2)).orElseThrow());
            System.arraycopy(given, 0, scales, 0, in.length);
        } else {
            for (int a = 0; a < in.length; a++) {
                scales[a] = (double) out[a] / in[a];
            }
        }
        return scales;
    }

    /** A [out, in]: row i holds the weights output pixel i takes of each input pixel. */
    static double[][] matrix(int in, int out, double scale, String mode, String transform, String nearest) {
        double[][] m = new double[out][in];
        for (int i = 0; i < out; i++) {
            double x = original(i, in, out, scale, transform);
            if (mode.equals("nearest")) {
                m[i][clamp(nearestIndex(x, nearest), in)] = 1;
            } else {
                double c = Math.max(0, Math.min(x, in - 1));
                int lo = (int) Math.floor(c);
                int hi = Math.min(lo + 1, in - 1);
                double w = c - lo;
                m[i][lo] += 1 - w;
                m[i][hi] += w;
            }
        }
        return m;
    }

    /** ONNX's coordinate_transformation_mode: the input coordinate of output pixel i. */
    private static double original(int i, int in, int out, double scale, String transform) {
        switch (transform) {
            case "half_pixel":
                return (i + 0.5) / scale - 0.5;
            case "pytorch_half_pixel":
                return out > 1 ? (i + 0.5) / scale - 0.5 : 0;
            case "align_corners":
                return out == 1 ? 0 : i * (in - 1.0) / (out - 1.0);
            case "tf_half_pixel_for_nn":
                return (i + 0.5) / scale;
            default:
                return i / scale;
        }
    }

    private static int nearestIndex(double x, String nearest) {
        switch (nearest) {
            case "floor":
                return (int) Math.floor(x);
            case "ceil":
                return (int) Math.ceil(x);
            case "round_prefer_ceil":
                return (int) Math.floor(x + 0.5);
            default:
                return x == Math.floor(x) + 0.5 ? (int) Math.floor(x) : (int) Math.round(x);
        }
    }

    private static int clamp(int index, int in) {
        return Math.max(0, Math.min(index, in - 1));
    }

    private static double[] flatten(double[][] m, boolean transposed) {
        int rows = m.length;
        int cols = m[0].length;
        double[] v = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                v[transposed ? j * rows + i : i * cols + j] = m[i][j];
            }
        }
        return v;
    }
}

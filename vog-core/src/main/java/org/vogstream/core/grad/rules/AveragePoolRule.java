package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.Tensors;

/**
 * AveragePool: each output gradient is divided by its window's divisor and spread over the window
 * by a depthwise ConvTranspose with a kernel of ones. The divisor is the kernel size with
 * count_include_pad=1, else the window's count of non-pad elements (a constant map).
 */
public final class AveragePoolRule implements GradientRule {
    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        long[] kernel = Attributes.getInts(node, "kernel_shape")
                .orElseThrow(() -> ctx.unsupported(node, "no kernel_shape attribute"));
        WindowGeometry geometry = WindowGeometry.of(node, kernel, ctx);
        if (!geometry.floorWindows()) {
            throw ctx.unsupported(node, "ceil_mode=1 with windows past the input edge");
        }
        int type = ctx.elementType(x);
        long channels = ctx.shape(x)[1];
        var out = ctx.graph();
        String scaled;
        if (Attributes.getInt(node, "count_include_pad", 0) != 0) {
            double size = Arrays.stream(kernel).reduce(1, (p, k) -> p * k);
            scaled = out.op("Mul", List.of(outputGrads[0], out.scalar(type, 1.0 / size)));
        } else {
            scaled = out.op("Mul", List.of(outputGrads[0], out.constant(inverseCounts(geometry, type))));
        }
        long[] onesShape = new long[kernel.length + 2];
        onesShape[0] = channels;
        onesShape[1] = 1;
        System.arraycopy(kernel, 0, onesShape, 2, kernel.length);
        double[] ones = new double[(int) Arrays.stream(onesShape).reduce(1, (p, k) -> p * k)];
        Arrays.fill(ones, 1);
        String kernelOfOnes = out.constant(Tensors.ofType(type, "", onesShape, ones));
        ctx.addGradient(x, out.op("ConvTranspose", List.of(scaled, kernelOfOnes),
                geometry.transposeAttributes(channels)));
    }

    /** 1 / (non-pad elements in the window) for every output position, shaped [1, 1, out...]. */
    private static ai.onnx.proto.OnnxMl.TensorProto inverseCounts(WindowGeometry g, int type) {
        int n = g.kernel().length;
        int total = (int) Arrays.stream(g.out()).reduce(1, (p, k) -> p * k);
        double[] values = new double[total];
        long[] position = new long[n];
        for (int flat = 0; flat < total; flat++) {
            long rest = flat;
            for (int i = n - 1; i >= 0; i--) {
                position[i] = rest % g.out()[i];
                rest /= g.out()[i];
            }
            long count = 1;
            for (int i = 0; i < n; i++) {
                long inside = 0;
                for (long j = 0; j < g.kernel()[i]; j++) {
                    long at = position[i] * g.strides()[i] - g.pads()[i] + j * g.dilations()[i];
                    if (at >= 0 && at < g.in()[i]) {
                        inside++;
                    }
                }
                count *= inside;
            }
            values[flat] = 1.0 / count;
        }
        long[] dims = new long[n + 2];
        dims[0] = 1;
        dims[1] = 1;
        System.arraycopy(g.out(), 0, dims, 2, n);
        return Tensors.ofType(type, "", dims, values);
    }
}

package org.vogstream.core.grad.rules;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.List;
import org.vogstream.core.grad.GradientContext;
import org.vogstream.core.grad.GradientRule;
import ai.onnx.proto.OnnxMl.TensorProto;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.onnx.Tensors;

/**
 * Conv, data input. In general: ConvTranspose of the output gradient with the same weights (not
 * flipped) and geometry, with output_padding restoring input sizes the strides do not divide.
 * With stride 1 and constant weights, the same product is a plain Conv with the kernel flipped and
 * its channel axes swapped, padded by (k−1)·d − p: ONNX Runtime spreads its Conv over the intra-op
 * threads and not its ConvTranspose, so with a thread per core the Conv is faster, although on one
 * thread the ConvTranspose is (docs/results/performance.md; measured on whole batches, before the
 * CPU scorer ran one-thread chunks, and not measured again since for the convolutions that keep it).
 *
 * <p>Into fewer than {@value #COL2IM_BELOW_CHANNELS} input channels (a first layer on grey or RGB
 * images, LeNet's second), the flipped Conv has fewer output channels than ONNX Runtime's blocked
 * (NCHWc) kernels fill, and it was the fused graph's slowest node; there the gradient is the
 * weights' transpose times the output gradient, one column per window (MatMul), summed back onto
 * the input by Col2Im (opset 18, two spatial axes, float32), which made the LeNet graph faster;
 * into 8 channels or more the blocked Conv stays ahead (a small ResNet of 16 and 32 channels ran
 * slower all in Col2Im; figures in docs/results/performance.md). The columns of a whole batch are
 * materialized, about kh·kw/stride² times the input, so large images keep the Conv: at most
 * {@value #COL2IM_MAX_COLUMNS} column entries per example (LeNet's first layer has 19,600).
 * ONNX Runtime's Col2Im is a CPU kernel on one thread, and 1.23 has none for CUDA: there it would
 * run on the host between copies, so a rule written for CUDA never takes it and keeps the Conv or
 * ConvTranspose; on many cores the threaded Conv may win again — neither was measured here.
 */
public final class ConvRule implements GradientRule {
    /** The channel block of ONNX Runtime's NCHWc convolutions with AVX2 (16 with AVX-512). */
    static final long COL2IM_BELOW_CHANNELS = 8;
    /** 1 MiB of float32 columns per example, 64 MiB for a batch of 64. */
    static final long COL2IM_MAX_COLUMNS = 1 << 18;

    private final boolean col2Im;

    /** @param col2Im whether the Col2Im form may be taken where it is faster on the CPU */
    public ConvRule(boolean col2Im) {
        this.col2Im = col2Im;
    }

    @Override
    public void backward(NodeProto node, String[] outputGrads, GradientContext ctx) {
        String x = node.getInput(0);
        String w = node.getInput(1);
        if (ctx.needsGradient(w) || node.getInputCount() > 2 && ctx.needsGradient(node.getInput(2))) {
            throw ctx.unsupported(node, "Conv weights or bias computed from the input are not differentiable here");
        }
        if (!ctx.needsGradient(x)) {
            return;
        }
        long[] wShape = ctx.shape(w);
        long[] kernel = Attributes.getInts(node, "kernel_shape")
                .orElse(Arrays.copyOfRange(wShape, 2, wShape.length));
        WindowGeometry geometry = WindowGeometry.of(node, kernel, ctx);
        long group = Attributes.getInt(node, "group", 1);
        var constantWeights = ctx.constant(w);
        long columns = Shapes.elements(Arrays.copyOfRange(wShape, 1, wShape.length)) * Shapes.elements(geometry.out());
        // Col2Im exists from opset 18 (VogCompiler compiles at 18 or above; other callers may not)
        if (col2Im && constantWeights.isPresent() && group == 1 && kernel.length == 2 && wShape[1] < COL2IM_BELOW_CHANNELS
                && columns <= COL2IM_MAX_COLUMNS && ctx.elementType(x) == ElementType.FLOAT && ctx.opset() >= 18) {
            ctx.addGradient(x, columnsSummedBack(outputGrads[0], constantWeights.get(), geometry, ctx));
            return;
        }
        long[] flippedPads = geometry.flippedPads();
        if (constantWeights.isPresent() && geometry.unitStrides() && flippedPads != null) {
            String flipped = ctx.graph().constant(flippedKernel(constantWeights.get(), group));
            ctx.addGradient(x, ctx.graph().op("Conv", List.of(outputGrads[0], flipped),
                    Attributes.of("kernel_shape", kernel), Attributes.of("dilations", geometry.dilations()),
                    Attributes.of("pads", flippedPads), Attributes.of("group", group)));
            return;
        }
        ctx.addGradient(x, ctx.graph().op("ConvTranspose", List.of(outputGrads[0], w),
                geometry.transposeAttributes(group)));
    }

    /** Col2Im(Wᵀ · dY): W [M, C, kh, kw] as [C·kh·kw, M], dY [N, M, oh·ow] the output gradient's windows. */
    private static String columnsSummedBack(String outputGrad, TensorProto w, WindowGeometry geometry,
            GradientContext ctx) {
        long[] dims = w.getDimsList().stream().mapToLong(Long::longValue).toArray();
        double[] v = Tensors.toDoubles(w);
        int outC = (int) dims[0];
        int column = v.length / outC;
        double[] transposed = new double[v.length];
        for (int m = 0; m < outC; m++) {
            for (int j = 0; j < column; j++) {
                transposed[j * outC + m] = v[m * column + j];
            }
        }
        var out = ctx.graph();
        String weightsT = out.constant(Tensors.ofType(w.getDataType(), "", new long[] {column, outC}, transposed));
        long windows = Shapes.elements(geometry.out());
        String perWindow = out.op("Reshape", List.of(outputGrad, out.int64s(0, outC, windows)));
        String columns = out.op("MatMul", List.of(weightsT, perWindow));
        return out.op("Col2Im", List.of(columns, out.int64s(geometry.in()), out.int64s(geometry.kernel())),
                Attributes.of("dilations", geometry.dilations()), Attributes.of("pads", geometry.pads()),
                Attributes.of("strides", geometry.strides()));
    }

    /**
     * W [M, C/G, k...] to W' [C, M/G, k...] with W'[g·C/G + c, m, i] = W[g·M/G + m, c, k−1−i]: the
     * kernel of the correlation that maps output gradients back to inputs.
     */
    static TensorProto flippedKernel(TensorProto w, long group) {
        long[] dims = w.getDimsList().stream().mapToLong(Long::longValue).toArray();
        double[] v = Tensors.toDoubles(w);
        int outC = (int) dims[0];
        int inPerGroup = (int) dims[1];
        int outPerGroup = (int) (outC / group);
        int spatial = (int) (v.length / ((long) outC * inPerGroup));
        long[] flippedDims = dims.clone();
        flippedDims[0] = group * inPerGroup;
        flippedDims[1] = outPerGroup;
        double[] f = new double[v.length];
        for (int g = 0; g < group; g++) {
            for (int m = 0; m < outPerGroup; m++) {
                for (int c = 0; c < inPerGroup; c++) {
                    int from = ((g * outPerGroup + m) * inPerGroup + c) * spatial;
                    int to = ((g * inPerGroup + c) * outPerGroup + m) * spatial;
                    for (int i = 0; i < spatial; i++) {
                        f[to + i] = v[from + spatial - 1 - i];
                    }
                }
            }
        }
        return Tensors.ofType(w.getDataType(), "", flippedDims, f);
    }
}

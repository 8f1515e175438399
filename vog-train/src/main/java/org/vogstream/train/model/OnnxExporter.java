package org.vogstream.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;
import org.vogstream.core.onnx.Attributes;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.GraphBuilder;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.onnx.Tensors;
import org.vogstream.train.model.Layer.Conv;
import org.vogstream.train.model.Layer.Dense;
import org.vogstream.train.model.Layer.MaxPool;
import org.vogstream.train.model.Layer.Residual;

/**
 * Writes a trained DJL block as an ONNX forward graph (opset 17, dynamic batch): input
 * {@code input} [N, ...], output {@code logits} [N, classes]. DJL's Conv2d weights are OIHW and
 * Linear weights [out, in], as ONNX Conv and Gemm(transB=1) take them.
 */
public final class OnnxExporter {
    public static final int OPSET = 17;

    private OnnxExporter() {}

    public static ModelProto export(Architecture arch, Block block, int classes) {
        GraphBuilder g = new GraphBuilder("");
        g.input("input", ElementType.FLOAT, Shapes.withBatch(-1, arch.exampleDims()));
        String out = emit(arch.layers(), block, "input", g);
        g.opTo("Identity", List.of(out), "logits");
        g.output("logits", ElementType.FLOAT, -1, classes);
        return g.toModel(arch.name(), OPSET);
    }

    private static String emit(List<Layer> layers, Block block, String x, GraphBuilder g) {
        List<Block> children = block.getChildren().values();
        if (children.size() != layers.size()) {
            throw new IllegalStateException("block has " + children.size() + " children for " + layers.size() + " layers");
        }
        String h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = emit(layers.get(i), children.get(i), h, g);
        }
        return h;
    }

    private static String emit(Layer layer, Block b, String x, GraphBuilder g) {
        if (layer instanceof Conv c) {
            long[] k = {c.kernel(), c.kernel()};
            return g.op("Conv", List.of(x, param(b, "weight", g), param(b, "bias", g)),
                    Attributes.of("kernel_shape", k), Attributes.of("strides", new long[] {c.stride(), c.stride()}),
                    Attributes.of("pads", new long[] {c.pad(), c.pad(), c.pad(), c.pad()}));
        }
        if (layer instanceof Dense) {
            return g.op("Gemm", List.of(x, param(b, "weight", g), param(b, "bias", g)), Attributes.of("transB", 1L));
        }
        if (layer instanceof Layer.Relu) {
            return g.op("Relu", List.of(x));
        }
        if (layer instanceof MaxPool m) {
            return g.op("MaxPool", List.of(x), Attributes.of("kernel_shape", new long[] {m.kernel(), m.kernel()}),
                    Attributes.of("strides", new long[] {m.stride(), m.stride()}));
        }
        if (layer instanceof Layer.Flatten) {
            return g.op("Flatten", List.of(x), Attributes.of("axis", 1L));
        }
        if (layer instanceof Layer.BatchNorm) {
            double epsilon = Architecture.BN_EPSILON;
            return g.op("BatchNormalization", List.of(x, param(b, "gamma", g), param(b, "beta", g),
                    param(b, "runningMean", g), param(b, "runningVar", g)), Attributes.of("epsilon", epsilon));
        }
        if (layer instanceof Layer.GlobalAvgPool) {
            return g.op("GlobalAveragePool", List.of(x));
        }
        Residual r = (Residual) layer;
        Block body = b.getChildren().values().get(0);
        return g.op("Add", List.of(emit(r.body(), body, x, g), x));
    }

    private static String param(Block b, String name, GraphBuilder g) {
        NDArray a = b.getParameters().get(name).getArray();
        return g.constant(Tensors.floats("", a.getShape().getShape(), a.toFloatArray()));
    }
}

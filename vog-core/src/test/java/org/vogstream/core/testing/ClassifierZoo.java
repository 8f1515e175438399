package org.vogstream.core.testing;

import static org.vogstream.core.onnx.Attributes.of;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;
import org.vogstream.core.onnx.ElementType;

/** Whole classifiers of the shapes the compiler meets in practice, with seeded random weights. */
public final class ClassifierZoo {
    private ClassifierZoo() {}

    /** Gemm → Relu → Gemm → Relu → Gemm over [N, 8]. */
    public static ModelProto mlp(long seed, int type) {
        ModelFixture f = ModelFixture.of(seed, type, 8);
        String h = f.op("Relu", List.of(f.op("Gemm", List.of("x", f.weight(0.5, 16, 8), f.weight(0.1, 16)), of("transB", 1L))));
        h = f.op("Relu", List.of(f.op("Gemm", List.of(h, f.weight(0.3, 12, 16), f.weight(0.1, 12)), of("transB", 1L))));
        return f.classifier(h, 4);
    }

    /** LeNet-style: Conv → Relu → MaxPool → Conv → Relu → MaxPool → Gemm → Relu → Gemm. */
    public static ModelProto lenet(long seed, long channels, long size, int classes) {
        return lenet(seed, channels, size, classes, "Relu");
    }

    /** LeNet-style with another activation (a smooth one has no kinks for finite differences). */
    public static ModelProto lenet(long seed, long channels, long size, int classes, String act) {
        ModelFixture f = ModelFixture.of(seed, ElementType.FLOAT, channels, size, size);
        String h = f.op(act, List.of(f.conv("x", channels, 6, new long[] {5, 5}, of("pads", new long[] {2, 2, 2, 2}))));
        h = f.op("MaxPool", List.of(h), of("kernel_shape", new long[] {2, 2}), of("strides", new long[] {2, 2}));
        h = f.op(act, List.of(f.conv(h, 6, 16, new long[] {5, 5})));
        h = f.op("MaxPool", List.of(h), of("kernel_shape", new long[] {2, 2}), of("strides", new long[] {2, 2}));
        h = f.op("Flatten", List.of(h), of("axis", 1L));
        long width = f.shapeOf(h)[1];
        h = f.op(act, List.of(f.op("Gemm", List.of(h, f.weight(1 / Math.sqrt(width), 32, width), f.weight(0.1, 32)),
                of("transB", 1L))));
        return f.classifier(h, classes);
    }

    /** A ResNet block: Conv+BN+Relu, Conv+BN, residual Add, Relu, GlobalAveragePool, Gemm. */
    public static ModelProto resnetBlock(long seed, String act, long size) {
        ModelFixture f = ModelFixture.of(seed, ElementType.FLOAT, 1, size, size);
        String stem = f.op(act, List.of(bn(f, f.conv("x", 1, 4, new long[] {3, 3}, of("pads", new long[] {1, 1, 1, 1})), 4)));
        String h = f.op(act, List.of(bn(f, f.conv(stem, 4, 4, new long[] {3, 3}, of("pads", new long[] {1, 1, 1, 1})), 4)));
        h = bn(f, f.conv(h, 4, 4, new long[] {3, 3}, of("pads", new long[] {1, 1, 1, 1})), 4);
        h = f.op(act, List.of(f.op("Add", List.of(h, stem))));
        return f.classifier(f.op("GlobalAveragePool", List.of(h)), 4);
    }

    /** CNTK-style: Reshape with a constant shape, MatMul + Add bias layers. */
    public static ModelProto cntkStyle(long seed) {
        ModelFixture f = ModelFixture.of(seed, ElementType.DOUBLE, 3, 4);
        String h = f.op("Reshape", List.of("x", f.graph().int64s(-1, 12)));
        h = f.op("Relu", List.of(f.op("Add", List.of(f.op("MatMul", List.of(h, f.weight(0.4, 12, 10))), f.weight(0.1, 10)))));
        h = f.op("Add", List.of(f.op("MatMul", List.of(h, f.weight(0.4, 10, 4))), f.weight(0.1, 4)));
        return f.model(h, 4);
    }

    /** The MLP with a final Softmax: the compiler must differentiate the logits under it. */
    public static ModelProto mlpWithSoftmax(long seed, int type) {
        ModelProto logits = mlp(seed, type);
        var graph = logits.getGraph().toBuilder()
                .addNode(ai.onnx.proto.OnnxMl.NodeProto.newBuilder().setOpType("Softmax").setName("softmax")
                        .addInput("logits").addOutput("probs").addAttribute(of("axis", 1L)))
                .clearOutput().addOutput(org.vogstream.core.onnx.GraphBuilder.valueInfo("probs", type, -1, 4));
        return logits.toBuilder().setGraph(graph).build();
    }

    private static String bn(ModelFixture f, String x, long c) {
        return f.op("BatchNormalization", List.of(x, f.uniform(0.5, 1.5, c), f.weight(0.1, c), f.weight(0.1, c),
                f.uniform(0.5, 2, c)));
    }
}

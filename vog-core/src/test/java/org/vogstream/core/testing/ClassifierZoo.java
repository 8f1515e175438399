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

    /**
     * A ResNet: stem Conv (7×7 stride 2 when {@code imagenetStem}, else 3×3) + BN + ReLU + MaxPool
     * 3×3 stride 2, BasicBlocks per stage (the first of a wider stage strided, with a 1×1 Conv + BN
     * shortcut), GlobalAveragePool, Gemm. {@code resnet(seed, 224, true, new long[] {64, 128, 256, 512}, 2, 1000)}
     * has ResNet-18's shapes and 11.7 M parameters.
     */
    public static ModelProto resnet(long seed, long size, boolean imagenetStem, long[] widths, int blocks, int classes) {
        ModelFixture f = ModelFixture.of(seed, ElementType.FLOAT, 3, size, size);
        long k = imagenetStem ? 7 : 3;
        String h = f.op("Relu", List.of(bn(f, f.conv("x", 3, widths[0], new long[] {k, k}, of("strides",
                new long[] {imagenetStem ? 2 : 1, imagenetStem ? 2 : 1}), of("pads", new long[] {k / 2, k / 2, k / 2, k / 2})),
                widths[0])));
        h = f.op("MaxPool", List.of(h), of("kernel_shape", new long[] {3, 3}), of("strides", new long[] {2, 2}),
                of("pads", new long[] {1, 1, 1, 1}));
        long in = widths[0];
        for (int s = 0; s < widths.length; s++) {
            for (int b = 0; b < blocks; b++) {
                long stride = s > 0 && b == 0 ? 2 : 1;
                long out = widths[s];
                String y = f.op("Relu", List.of(bn(f, f.conv(h, in, out, new long[] {3, 3}, of("strides",
                        new long[] {stride, stride}), of("pads", new long[] {1, 1, 1, 1})), out)));
                y = bn(f, f.conv(y, out, out, new long[] {3, 3}, of("pads", new long[] {1, 1, 1, 1})), out);
                String shortcut = stride == 1 && in == out ? h
                        : bn(f, f.conv(h, in, out, new long[] {1, 1}, of("strides", new long[] {stride, stride})), out);
                h = f.op("Relu", List.of(f.op("Add", List.of(y, shortcut))));
                in = out;
            }
        }
        return f.classifier(f.op("GlobalAveragePool", List.of(h)), classes);
    }

    /**
     * MobileNetV2 in small: stem Conv stride 2 + BN + ReLU6 (Clip 0..6), inverted residuals
     * (1×1 expand, depthwise 3×3, 1×1 linear projection, residual when shapes allow), 1×1 head, Dropout, Gemm.
     */
    public static ModelProto mobilenetV2(long seed) {
        ModelFixture f = ModelFixture.of(seed, ElementType.FLOAT, 3, 12, 12);
        String h = relu6(f, bn(f, f.conv("x", 3, 4, new long[] {3, 3}, of("strides", new long[] {2, 2}),
                of("pads", new long[] {1, 1, 1, 1})), 4));
        h = invertedResidual(f, h, 4, 4, 1, 3, "relu6", false);
        h = invertedResidual(f, h, 4, 6, 2, 3, "relu6", false);
        h = invertedResidual(f, h, 6, 6, 1, 3, "relu6", false);
        h = relu6(f, bn(f, f.conv(h, 6, 12, new long[] {1, 1}), 12));
        h = f.op("Dropout", List.of(f.op("Flatten", List.of(f.op("GlobalAveragePool", List.of(h))), of("axis", 1L))));
        return f.classifier(h, 5);
    }

    /** MobileNetV3 in small: HardSwish activations, squeeze-excitation with HardSigmoid, a HardSwish Gemm head. */
    public static ModelProto mobilenetV3(long seed) {
        ModelFixture f = ModelFixture.of(seed, ElementType.FLOAT, 3, 12, 12);
        String h = f.op("HardSwish", List.of(bn(f, f.conv("x", 3, 4, new long[] {3, 3}, of("strides", new long[] {2, 2}),
                of("pads", new long[] {1, 1, 1, 1})), 4)));
        h = invertedResidual(f, h, 4, 4, 1, 3, "HardSwish", true);
        h = invertedResidual(f, h, 4, 6, 2, 3, "HardSwish", true);
        h = f.op("HardSwish", List.of(bn(f, f.conv(h, 6, 12, new long[] {1, 1}), 12)));
        h = f.op("Flatten", List.of(f.op("GlobalAveragePool", List.of(h))), of("axis", 1L));
        h = f.op("HardSwish", List.of(f.op("Gemm", List.of(h, f.weight(0.3, 16, 12), f.weight(0.1, 16)), of("transB", 1L))));
        return f.classifier(h, 5);
    }

    /** EfficientNet in small: SiLU (x·sigmoid(x)) everywhere, MBConv blocks with sigmoid squeeze-excitation. */
    public static ModelProto efficientNet(long seed) {
        ModelFixture f = ModelFixture.of(seed, ElementType.FLOAT, 3, 12, 12);
        String h = silu(f, bn(f, f.conv("x", 3, 4, new long[] {3, 3}, of("strides", new long[] {2, 2}),
                of("pads", new long[] {1, 1, 1, 1})), 4));
        h = invertedResidual(f, h, 4, 4, 1, 3, "silu", true);
        h = invertedResidual(f, h, 4, 6, 2, 3, "silu", true);
        h = silu(f, bn(f, f.conv(h, 6, 12, new long[] {1, 1}), 12));
        return f.classifier(f.op("GlobalAveragePool", List.of(h)), 5);
    }

    /**
     * A small ViT: 4×4 patch embedding Conv, tokens [N, 4, 8], a class token (Expand + Concat), position
     * embedding, one pre-norm encoder block (LayerNormalization, two-head attention, GELU MLP as torch
     * exports it before opset 20), final LayerNormalization, the class token (Gather), Gemm.
     */
    public static ModelProto vit(long seed) {
        ModelFixture f = ModelFixture.of(seed, ElementType.FLOAT, 3, 8, 8);
        long width = 8;
        String patches = f.conv("x", 3, width, new long[] {4, 4}, of("strides", new long[] {4, 4}));
        String tokens = f.op("Transpose", List.of(f.op("Reshape", List.of(patches, f.graph().int64s(0, width, 4)))),
                of("perm", new long[] {0, 2, 1}));
        String batch = f.op("Slice", List.of(f.op("Shape", List.of("x")), f.graph().int64s(0), f.graph().int64s(1)));
        String cls = f.op("Expand", List.of(f.weight(0.5, 1, 1, width), f.op("Concat", List.of(batch,
                f.graph().int64s(1, width)), of("axis", 0L))));
        String h = f.op("Add", List.of(f.op("Concat", List.of(cls, tokens), of("axis", 1L)), f.weight(0.2, 1, 5, width)));
        String attended = attention(f, layerNorm(f, h, width), 5, width, 2);
        h = f.op("Add", List.of(h, attended));
        String hidden = f.op("Add", List.of(f.op("MatMul", List.of(layerNorm(f, h, width), f.weight(0.35, width, 16))),
                f.weight(0.1, 16)));
        String mlp = f.op("Add", List.of(f.op("MatMul", List.of(geluChain(f, hidden), f.weight(0.25, 16, width))),
                f.weight(0.1, width)));
        h = layerNorm(f, f.op("Add", List.of(h, mlp)), width);
        return f.classifier(f.op("Gather", List.of(h, f.graph().int64Scalar(0)), of("axis", 1L)), 5);
    }

    /** GELU as torch exports it before opset 20: x·½·(1 + erf(x/√2)). */
    public static String geluChain(ModelFixture f, String x) {
        String erf = f.op("Erf", List.of(f.op("Div", List.of(x, f.graph().scalar(f.type(), Math.sqrt(2))))));
        return f.op("Mul", List.of(f.op("Mul", List.of(x, f.op("Add", List.of(erf, f.graph().scalar(f.type(), 1))))),
                f.graph().scalar(f.type(), 0.5)));
    }

    /**
     * Multi-head self-attention over tokens x [N, T, D] as torch exports it: q, k, v projections,
     * Reshape/Transpose to [N, heads, T, D/heads], Softmax(q·kᵀ/√d) over the last axis, ·v, heads merged.
     */
    public static String attention(ModelFixture f, String x, long tokens, long width, long heads) {
        long d = width / heads;
        String[] qkv = new String[3];
        for (int i = 0; i < 3; i++) {
            String projected = f.op("MatMul", List.of(x, f.weight(1 / Math.sqrt(width), width, width)));
            qkv[i] = f.op("Transpose", List.of(f.op("Reshape", List.of(projected, f.graph().int64s(0, tokens, heads, d)))),
                    of("perm", new long[] {0, 2, 1, 3}));
        }
        String kt = f.op("Transpose", List.of(qkv[1]), of("perm", new long[] {0, 1, 3, 2}));
        String scores = f.op("Mul", List.of(f.op("MatMul", List.of(qkv[0], kt)), f.graph().scalar(f.type(), 1 / Math.sqrt(d))));
        String mixed = f.op("MatMul", List.of(f.op("Softmax", List.of(scores), of("axis", -1L)), qkv[2]));
        String merged = f.op("Reshape", List.of(f.op("Transpose", List.of(mixed), of("perm", new long[] {0, 2, 1, 3})),
                f.graph().int64s(0, tokens, width)));
        return f.op("MatMul", List.of(merged, f.weight(1 / Math.sqrt(width), width, width)));
    }

    private static String layerNorm(ModelFixture f, String x, long width) {
        return f.op("LayerNormalization", List.of(x, f.uniform(0.8, 1.2, width), f.weight(0.05, width)));
    }

    private static String relu6(ModelFixture f, String x) {
        return f.op("Clip", List.of(x, f.graph().scalar(f.type(), 0), f.graph().scalar(f.type(), 6)));
    }

    private static String silu(ModelFixture f, String x) {
        return f.op("Mul", List.of(x, f.op("Sigmoid", List.of(x))));
    }

    private static String activate(ModelFixture f, String x, String act) {
        switch (act) {
            case "relu6":
                return relu6(f, x);
            case "silu":
                return silu(f, x);
            default:
                return f.op(act, List.of(x));
        }
    }

    /**
     * MobileNetV2's inverted residual (MBConv): 1×1 expand ×{@code expand}, depthwise 3×3 with
     * {@code stride}, optional squeeze-excitation (GlobalAveragePool, 1×1 reduce, ReLU, 1×1 expand,
     * HardSigmoid after HardSwish blocks, else Sigmoid; Mul), 1×1 projection, residual Add.
     */
    private static String invertedResidual(ModelFixture f, String x, long in, long out, long stride, long expand,
            String act, boolean squeeze) {
        long hidden = in * expand;
        String h = activate(f, bn(f, f.conv(x, in, hidden, new long[] {1, 1}), hidden), act);
        h = activate(f, bn(f, f.conv(h, hidden, hidden, new long[] {3, 3}, of("strides", new long[] {stride, stride}),
                of("pads", new long[] {1, 1, 1, 1}), of("group", hidden)), hidden), act);
        if (squeeze) {
            String s = f.op("Relu", List.of(f.conv(f.op("GlobalAveragePool", List.of(h)), hidden, 4, new long[] {1, 1})));
            s = f.conv(s, 4, hidden, new long[] {1, 1});
            s = act.equals("HardSwish") ? f.op("HardSigmoid", List.of(s), of("alpha", 1.0 / 6), of("beta", 0.5))
                    : f.op("Sigmoid", List.of(s));
            h = f.op("Mul", List.of(h, s));
        }
        h = bn(f, f.conv(h, hidden, out, new long[] {1, 1}), out);
        return stride == 1 && in == out ? f.op("Add", List.of(h, x)) : h;
    }

    private static String bn(ModelFixture f, String x, long c) {
        return f.op("BatchNormalization", List.of(x, f.uniform(0.5, 1.5, c), f.weight(0.1, c), f.weight(0.1, c),
                f.uniform(0.5, 2, c)));
    }
}

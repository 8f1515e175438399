package org.vogstream.core.testing;

import static org.vogstream.core.onnx.Attributes.of;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.Tensors;

/**
 * Classifiers written the way real exporters write them (old opsets, fixed batch sizes, other
 * input names, initializers listed as inputs, Constant-node weights, preprocessing in the graph),
 * built with our own ONNX writer and seeded random weights.
 *
 * @param name what the fixture imitates
 * @param model the graph as exported
 * @param logits the pre-softmax logits tensor of {@code model}
 * @param kinked whether ReLU or max-pool kinks make finite differences unreliable at some coordinates
 */
public record ExporterFixtures(String name, ModelProto model, String logits, boolean kinked) {
    private static final int F = ElementType.FLOAT;

    @Override
    public String toString() {
        return name;
    }

    public static List<ExporterFixtures> all() {
        return List.of(mnistZooOpset8(), opset7Upsampling(), opset8LinearUpsampling(), opset9UpsampleWithScalesInput(),
                torchLenetFixedBatch(10, 9), torchLenetFixedBatch(64, 11), batchNorm1dAfterGemm(), constantNodeWeights(),
                normalizationInTheGraph(), dropoutWithTrainingModeInput(), tf2onnxChannelsLast(1101),
                squeezenetEnding());
    }

    /**
     * As the ONNX model zoo's MNIST (opset 8): input 'Input3' [1,1,28,28], every initializer also a
     * graph input, SAME_UPPER convolutions with separate Add biases, a Reshape to [1, 256], and the
     * last weight reshaped by a constant chain.
     */
    static ExporterFixtures mnistZooOpset8() {
        ModelFixture f = ModelFixture.of(801, F, 1, 28, 28).opset(8).exportedAs("Input3", 1, true, false);
        String h = f.op("Conv", List.of(f.x(), f.weight(0.2, 8, 1, 5, 5)), of("auto_pad", "SAME_UPPER"),
                of("kernel_shape", new long[] {5, 5}));
        h = f.op("Relu", List.of(f.op("Add", List.of(h, f.weight(0.1, 8, 1, 1)))));
        h = f.op("MaxPool", List.of(h), of("kernel_shape", new long[] {2, 2}), of("strides", new long[] {2, 2}));
        h = f.op("Conv", List.of(h, f.weight(0.07, 16, 8, 5, 5)), of("auto_pad", "SAME_UPPER"),
                of("kernel_shape", new long[] {5, 5}));
        h = f.op("Relu", List.of(f.op("Add", List.of(h, f.weight(0.1, 16, 1, 1)))));
        h = f.op("MaxPool", List.of(h), of("kernel_shape", new long[] {3, 3}), of("strides", new long[] {3, 3}));
        h = f.op("Reshape", List.of(h, f.graph().int64s(1, 256)));
        String w = f.op("Reshape", List.of(f.weight(0.06, 16, 4, 4, 10), f.graph().int64s(256, 10)));
        String logits = f.op("Add", List.of(f.op("MatMul", List.of(h, w)), f.weight(0.1, 1, 10)));
        return new ExporterFixtures("MNIST model-zoo style, opset 8, batch 1, input 'Input3', initializers as inputs",
                f.model(logits, 10), logits, true);
    }

    /** Opset 7: BatchNormalization with spatial=1, Upsample nearest with scales as an attribute, Dropout, Softmax. */
    static ExporterFixtures opset7Upsampling() {
        ModelFixture f = ModelFixture.of(701, F, 2, 6, 6).opset(7).exportedAs("data", -1, true, false);
        String h = f.conv(f.x(), 2, 4, new long[] {3, 3}, of("pads", new long[] {1, 1, 1, 1}));
        h = f.op("BatchNormalization", List.of(h, f.uniform(0.5, 1.5, 4), f.weight(0.1, 4), f.weight(0.1, 4),
                f.uniform(0.5, 2, 4)), of("epsilon", 1e-3), of("spatial", 1L), of("momentum", 0.9));
        h = f.op("Upsample", List.of(f.op("Tanh", List.of(h))), floats("scales", 1, 1, 2, 2), of("mode", "nearest"));
        h = f.op("Tanh", List.of(f.conv(h, 4, 4, new long[] {3, 3}, of("strides", new long[] {2, 2}))));
        h = f.op("Dropout", List.of(h), of("ratio", 0.5));
        f.classifier(h, 5);
        return softmaxed(f, "opset 7: BatchNormalization spatial=1, Upsample nearest (scales attribute), Dropout, Softmax", 5,
                false);
    }

    /** Opset 8: Upsample linear, a single-output MaxPool, Softmax. */
    static ExporterFixtures opset8LinearUpsampling() {
        ModelFixture f = ModelFixture.of(802, F, 1, 8, 8).opset(8).exportedAs("image", -1, true, false);
        String h = f.op("Tanh", List.of(f.conv(f.x(), 1, 3, new long[] {3, 3})));
        h = f.op("MaxPool", List.of(h), of("kernel_shape", new long[] {2, 2}), of("strides", new long[] {2, 2}));
        h = f.op("Upsample", List.of(h), floats("scales", 1, 1, 2, 2), of("mode", "linear"));
        f.classifier(f.op("Tanh", List.of(h)), 4);
        return softmaxed(f, "opset 8: MaxPool, Upsample linear (scales attribute), Softmax", 4, true);
    }

    /** Opset 9: Upsample with its scales a Constant-node input. */
    static ExporterFixtures opset9UpsampleWithScalesInput() {
        ModelFixture f = ModelFixture.of(901, F, 2, 5, 5).opset(9);
        String scales = f.op("Constant", List.of(), of("value", Tensors.floats("", new long[] {4}, 1, 1, 3, 3)));
        String h = f.op("Upsample", List.of(f.op("Tanh", List.of(f.x())), scales), of("mode", "nearest"));
        h = f.op("Tanh", List.of(f.conv(h, 2, 3, new long[] {3, 3}, of("strides", new long[] {3, 3}))));
        return new ExporterFixtures("opset 9: Upsample nearest x3, scales from a Constant node", f.classifier(h, 4),
                "logits", false);
    }

    /**
     * A third-party PyTorch LeNet traced with a fixed batch: input 'input.1', x.view(x.size(0), -1)
     * folded to Reshape [batch, -1] (opset 9) or [batch, 400] (opset 11), a final Softmax(axis=1).
     */
    static ExporterFixtures torchLenetFixedBatch(int batch, int opset) {
        ModelFixture f = ModelFixture.of(batch * 100L + opset, F, 1, 20, 20).opset(opset)
                .exportedAs("input.1", batch, false, false);
        String h = f.op("Relu", List.of(f.conv(f.x(), 1, 6, new long[] {5, 5})));
        h = f.op("MaxPool", List.of(h), of("kernel_shape", new long[] {2, 2}), of("strides", new long[] {2, 2}));
        h = f.op("Relu", List.of(f.conv(h, 6, 16, new long[] {3, 3})));
        h = f.op("Reshape", List.of(h, f.graph().int64s(batch, opset < 11 ? -1 : 16 * 6 * 6)));
        h = f.op("Relu", List.of(f.op("Gemm", List.of(h, f.weight(0.04, 32, 576), f.weight(0.1, 32)), of("transB", 1L))));
        f.classifier(h, 10);
        return softmaxed(f, "PyTorch LeNet, opset " + opset + ", fixed batch " + batch + ", Reshape [" + batch + ", "
                + (opset < 11 ? "-1" : "576") + "], Softmax", 10, true);
    }

    /** A PyTorch MLP with BatchNorm1d after Linear (BatchNormalization on [N, C]), batch fixed at 1. */
    static ExporterFixtures batchNorm1dAfterGemm() {
        ModelFixture f = ModelFixture.of(903, F, 12).opset(9).exportedAs("input", 1, false, false);
        String h = f.op("Gemm", List.of(f.x(), f.weight(0.3, 16, 12), f.weight(0.1, 16)), of("transB", 1L));
        h = f.op("BatchNormalization", List.of(h, f.uniform(0.5, 1.5, 16), f.weight(0.1, 16), f.weight(0.1, 16),
                f.uniform(0.5, 2, 16)));
        f.classifier(f.op("Tanh", List.of(h)), 6);
        return softmaxed(f, "MLP with BatchNorm1d after Gemm, opset 9, batch 1, Softmax", 6, false);
    }

    /** Weights as Constant nodes (older torch and tf2onnx exports), opset 9. */
    static ExporterFixtures constantNodeWeights() {
        ModelFixture f = ModelFixture.of(904, F, 1, 8, 8).opset(9).exportedAs("x", -1, false, true);
        String h = f.op("Tanh", List.of(f.conv(f.x(), 1, 4, new long[] {3, 3}, of("pads", new long[] {1, 1, 1, 1}))));
        h = f.op("BatchNormalization", List.of(h, f.uniform(0.5, 1.5, 4), f.weight(0.1, 4), f.weight(0.1, 4),
                f.uniform(0.5, 2, 4)));
        return new ExporterFixtures("weights as Constant nodes (Conv, BatchNormalization, Gemm), opset 9",
                f.classifier(f.op("Tanh", List.of(h)), 4), "logits", false);
    }

    /** Input normalization baked into the graph: Sub per-channel mean, Div per-channel std, opset 13. */
    static ExporterFixtures normalizationInTheGraph() {
        ModelFixture f = ModelFixture.of(1301, F, 3, 6, 6).opset(13);
        String h = f.op("Div", List.of(f.op("Sub", List.of(f.x(), f.uniform(0.4, 0.5, 1, 3, 1, 1))),
                f.uniform(0.2, 0.3, 1, 3, 1, 1)));
        h = f.op("Tanh", List.of(f.conv(h, 3, 4, new long[] {3, 3})));
        return new ExporterFixtures("preprocessing in the graph: Sub mean, Div std, opset 13",
                f.classifier(f.op("GlobalAveragePool", List.of(h)), 5), "logits", false);
    }

    /** Dropout as exported from opset 12 on: ratio and training_mode (a constant false) as inputs. */
    static ExporterFixtures dropoutWithTrainingModeInput() {
        ModelFixture f = ModelFixture.of(1302, F, 10).opset(13);
        String h = f.op("Tanh", List.of(f.op("Gemm", List.of(f.x(), f.weight(0.3, 12, 10)), of("transB", 1L))));
        String ratio = f.graph().scalar(F, 0.5);
        String training = f.graph().constant(TensorProto.newBuilder().setDataType(TensorProto.DataType.BOOL.getNumber())
                .addInt32Data(0).build());
        h = f.op("Dropout", List.of(h, ratio, training));
        return new ExporterFixtures("Dropout with ratio and training_mode=false inputs, opset 13", f.classifier(h, 3),
                "logits", false);
    }

    /**
     * As tf2onnx writes a Keras CNN (opset 11): input 'input_1' [N, 8, 8, 3] channels last, the
     * per-channel normalization on the last axis, Transpose perm=[0,3,1,2] before the first Conv,
     * a Softmax at the end.
     */
    public static ExporterFixtures tf2onnxChannelsLast(long seed) {
        ModelFixture f = ModelFixture.of(seed, F, 8, 8, 3).opset(11).exportedAs("input_1", -1, false, false);
        String h = f.op("Mul", List.of(f.op("Sub", List.of(f.x(), f.uniform(0.4, 0.5, 3))), f.uniform(3, 5, 3)));
        h = f.op("Transpose", List.of(h), of("perm", new long[] {0, 3, 1, 2}));
        h = f.op("Tanh", List.of(f.conv(h, 3, 4, new long[] {3, 3}, of("pads", new long[] {1, 1, 1, 1}))));
        h = f.op("Tanh", List.of(f.conv(h, 4, 4, new long[] {3, 3}, of("strides", new long[] {2, 2}))));
        f.classifier(f.op("Transpose", List.of(h), of("perm", new long[] {0, 2, 3, 1})), 5);
        return softmaxed(f, "tf2onnx Keras CNN: input [N,8,8,3] channels last, Sub/Mul normalization, "
                + "Transpose [0,3,1,2], Softmax", 5, false);
    }

    /**
     * A fully convolutional classifier as the model zoo's SqueezeNet (opset 9): a 1×1 Conv to the
     * classes, GlobalAveragePool to [N, C, 1, 1], Softmax(axis=1) over the flattened rest.
     */
    static ExporterFixtures squeezenetEnding() {
        ModelFixture f = ModelFixture.of(902, F, 3, 6, 6).opset(9).exportedAs("data_0", -1, false, false);
        String h = f.op("Tanh", List.of(f.conv(f.x(), 3, 6, new long[] {3, 3}, of("pads", new long[] {1, 1, 1, 1}))));
        String pooled = f.op("GlobalAveragePool", List.of(f.conv(h, 6, 5, new long[] {1, 1})));
        String probs = f.op("Softmax", List.of(pooled), of("axis", 1L));
        ModelProto model = f.model(probs, 5);
        // the exported output is [N, 5, 1, 1]
        var output = org.vogstream.core.onnx.GraphBuilder.valueInfo(probs, F, -1, 5, 1, 1);
        return new ExporterFixtures("SqueezeNet-style ending, opset 9: GlobalAveragePool [N,5,1,1], Softmax(axis=1)",
                model.toBuilder().setGraph(model.getGraph().toBuilder().setOutput(0, output)).build(), pooled, false);
    }

    private static ExporterFixtures softmaxed(ModelFixture f, String name, int classes, boolean kinked) {
        String probs = f.op("Softmax", List.of("logits"), of("axis", 1L));
        return new ExporterFixtures(name, f.model(probs, classes), "logits", kinked);
    }

    private static AttributeProto floats(String name, float... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOATS);
        for (float v : values) {
            b.addFloats(v);
        }
        return b.build();
    }
}

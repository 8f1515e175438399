package org.vogstream.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vogstream.core.onnx.Attributes.of;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vogstream.core.compile.Checkpoint;
import org.vogstream.core.compile.VogCompiler;
import org.vogstream.core.compile.VogGraphContract;
import org.vogstream.core.testing.FiniteDifferences;
import org.vogstream.core.testing.ModelFixture;
import org.vogstream.core.testing.Ort;

/** Old-opset models: attributes that became inputs are converted, and gradients still hold. */
class OpsetUpgraderTest {
    /** Opset 9: Unsqueeze/Squeeze axes, Clip min/max, Pad pads and ReduceMean axes as attributes. */
    private static ModelProto opset9Model() {
        ModelFixture f = ModelFixture.of(3, ElementType.FLOAT, 2, 4, 4).opset(9);
        String h = f.op("Pad", List.of("x"), of("pads", new long[] {0, 0, 1, 1, 0, 0, 1, 1}), of("value", 0.25));
        h = f.op("Clip", List.of(f.op("Mul", List.of(h, f.weight(2, 2, 1, 1)))), of("min", -0.5), of("max", 1.5));
        h = f.op("ReduceMean", List.of(h), of("axes", new long[] {3}), of("keepdims", 0L));
        h = f.op("Unsqueeze", List.of(h), of("axes", new long[] {1}));
        h = f.op("Squeeze", List.of(h), of("axes", new long[] {1}));
        h = f.op("Dropout", List.of(h), of("ratio", 0.3));
        return f.classifier(h, 3);
    }

    @Test
    void shouldMoveAttributesToInputsWhenRaisingTheOpset() {
        ModelProto upgraded = new OpsetUpgrader("old.onnx").upgrade(opset9Model(), 17, ElementType.FLOAT);
        assertEquals(17, Opsets.of(upgraded));
        assertTrue(upgraded.getIrVersion() >= 8);
        for (NodeProto node : upgraded.getGraph().getNodeList()) {
            switch (node.getOpType()) {
                case "Pad" -> assertEquals(3, node.getInputCount());
                case "Clip" -> assertEquals(3, node.getInputCount());
                case "Unsqueeze", "Squeeze" -> assertEquals(2, node.getInputCount());
                case "Dropout" -> assertTrue(Attributes.find(node, "ratio").isEmpty());
                case "ReduceMean" -> assertTrue(Attributes.find(node, "axes").isPresent(), "ReduceMean keeps axes until 18");
                default -> { }
            }
        }
        ModelProto at18 = new OpsetUpgrader("old.onnx").upgrade(opset9Model(), 18, ElementType.FLOAT);
        NodeProto mean = at18.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("ReduceMean"))
                .findFirst().orElseThrow();
        assertEquals(2, mean.getInputCount());
    }

    @Test
    void shouldDifferentiateAnOpset9ModelLikeItsOriginal() {
        ModelProto forward = opset9Model();
        ModelProto gradient = new VogCompiler().compileGradient(new Checkpoint("old.onnx", forward), Optional.empty());
        assertEquals(VogCompiler.MIN_OPSET, Opsets.of(gradient));
        ModelFixture shape = ModelFixture.of(0, ElementType.FLOAT, 2, 4, 4);
        Ort.Tensor x = shape.randomInput(1, new Random(2));
        double[] analytic = Ort.run(gradient, Map.of(VogGraphContract.INPUT, x,
                VogGraphContract.TARGET, Ort.Tensor.int64(new long[] {1}, 1))).get(VogGraphContract.GRAD).values();
        double[][] fd = FiniteDifferences.gradients(forward, "logits", ElementType.FLOAT, new long[] {2, 4, 4},
                x.values(), 1, FiniteDifferences.step(ElementType.FLOAT));
        FiniteDifferences.Comparison cmp = FiniteDifferences.compare(analytic, fd, 2e-3);
        assertTrue(cmp.smooth() >= 0.75 * cmp.total() && cmp.maxRelativeError() <= 2e-3, cmp.toString());
    }

    @Test
    void shouldKeepTheMeaningOfAnOpset11SoftmaxOverAMiddleAxis() {
        // before opset 13, Softmax(axis=1) on [N,3,4] normalizes over all 12 values; the upgraded graph
        // used to normalize over the last axis only (found in review: 0.82 relative gradient error)
        ModelFixture f = ModelFixture.of(5, ElementType.FLOAT, 3, 4).opset(11);
        String h = f.op("Softmax", List.of(f.op("Mul", List.of("x", f.weight(2, 1, 4)))), of("axis", 1L));
        ModelProto forward = f.classifier(h, 3);
        ModelProto gradient = new VogCompiler().compileGradient(new Checkpoint("softmax11.onnx", forward), Optional.empty());
        Ort.Tensor x = ModelFixture.of(0, ElementType.FLOAT, 3, 4).randomInput(1, new Random(3));
        double[] analytic = Ort.run(gradient, Map.of(VogGraphContract.INPUT, x,
                VogGraphContract.TARGET, Ort.Tensor.int64(new long[] {1}, 0))).get(VogGraphContract.GRAD).values();
        double[][] fd = FiniteDifferences.gradients(forward, "logits", ElementType.FLOAT, new long[] {3, 4}, x.values(), 0,
                FiniteDifferences.step(ElementType.FLOAT));
        FiniteDifferences.Comparison cmp = FiniteDifferences.compare(analytic, fd, 2e-3);
        assertTrue(cmp.maxRelativeError() <= 2e-3, cmp.toString());
    }

    @Test
    void shouldNameTheOutputCountOfAnEvenSplitFromOpset18() {
        ModelFixture f = ModelFixture.of(6, ElementType.FLOAT, 4).opset(17);
        String[] halves = f.graph().ops("Split", List.of(f.weight(1, 2, 4)), 2, of("axis", 0L));
        ModelProto model = f.classifier(f.op("Mul", List.of("x", halves[0])), 2);
        ModelProto at18 = new OpsetUpgrader("split.onnx").upgrade(model, 18, ElementType.FLOAT);
        NodeProto split = at18.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Split")).findFirst()
                .orElseThrow();
        assertEquals(2L, Attributes.getInt(split, "num_outputs", -1));
    }

    @Test
    void shouldRefuseOpsetsOutsideTheSupportedRange() {
        ModelProto ancient = ModelFixture.of(1, ElementType.FLOAT, 4).opset(6).classifier("x", 2);
        InvalidModelException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidModelException.class,
                () -> new OpsetUpgrader("ancient.onnx").upgrade(ancient, 17, ElementType.FLOAT));
        assertTrue(e.getMessage().contains("ancient.onnx: opset 6 is not supported (supported: 7 to 21)"), e.getMessage());
    }

    @Test
    void shouldRaiseOpset7SignaturesThatChangedOnTheWay() {
        // a model-zoo opset-8 MNIST was refused outright ("opset 8 is not supported (supported: 9 to 21)")
        ModelFixture f = ModelFixture.of(7, ElementType.FLOAT, 2, 4, 4).opset(7);
        String h = f.op("BatchNormalization", List.of("x", f.weight(1, 2), f.weight(1, 2), f.weight(1, 2),
                f.uniform(1, 2, 2)), of("spatial", 1L));
        h = f.op("Dropout", List.of(h), of("ratio", 0.2));
        h = f.op("Upsample", List.of(h), ai.onnx.proto.OnnxMl.AttributeProto.newBuilder().setName("scales")
                .setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.FLOATS).addFloats(1).addFloats(1).addFloats(2)
                .addFloats(2).build());
        ModelProto upgraded = new OpsetUpgrader("zoo.onnx").upgrade(f.classifier(h, 2), 17, ElementType.FLOAT);
        NodeProto bn = node(upgraded, "BatchNormalization");
        assertTrue(Attributes.find(bn, "spatial").isEmpty(), bn.toString());
        NodeProto dropout = node(upgraded, "Dropout");
        assertTrue(dropout.getAttributeList().isEmpty(), dropout.toString());
        NodeProto resize = node(upgraded, "Resize");
        assertEquals(3, resize.getInputCount());
        assertEquals("asymmetric", Attributes.getString(resize, "coordinate_transformation_mode", ""));
        assertEquals("floor", Attributes.getString(resize, "nearest_mode", ""));
        assertTrue(upgraded.getGraph().getNodeList().stream().noneMatch(n -> n.getOpType().equals("Upsample")));
    }

    @Test
    void shouldRefuseBatchNormalizationWithPerActivationStatistics() {
        ModelFixture f = ModelFixture.of(8, ElementType.FLOAT, 2, 4).opset(8);
        String h = f.op("BatchNormalization", List.of("x", f.weight(1, 2, 4), f.weight(1, 2, 4), f.weight(1, 2, 4),
                f.uniform(1, 2, 2, 4)), of("spatial", 0L));
        ModelProto model = f.classifier(h, 2);
        InvalidModelException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidModelException.class,
                () -> new OpsetUpgrader("bn.onnx").upgrade(model, 17, ElementType.FLOAT));
        assertTrue(e.getMessage().startsWith("bn.onnx: node ") && e.getMessage().contains("(BatchNormalization): spatial=0"),
                e.getMessage());
    }

    private static NodeProto node(ModelProto model, String op) {
        return model.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals(op)).findFirst().orElseThrow();
    }
}

package org.vogstream.core.compile;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vogstream.core.onnx.Attributes.of;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.GraphBuilder;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.onnx.OnnxFiles;
import org.vogstream.core.testing.ClassifierZoo;
import org.vogstream.core.testing.ModelFixture;

/** Every way a checkpoint set can be unusable, and the message that says so. */
class CompileValidationTest {
    private final VogCompiler compiler = new VogCompiler();

    @TempDir
    Path dir;

    private String failure(Runnable compile) {
        return assertThrows(InvalidModelException.class, compile::run).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + message + "' should contain '" + part + "'");
        }
    }

    @Test
    void shouldNameAnUnreadableFile() throws IOException {
        Path garbage = dir.resolve("broken.onnx");
        Files.write(garbage, new byte[] {0x0a, (byte) 0xff, 0x13, 0x37, 0x00});
        Path good = dir.resolve("good.onnx");
        OnnxFiles.write(ClassifierZoo.mlp(1, ElementType.FLOAT), good);
        assertContains(failure(() -> compiler.compileFiles(List.of(good, garbage), CompileOptions.defaults())),
                "broken.onnx", "not a readable ONNX model");
        assertContains(failure(() -> compiler.compileFiles(List.of(good, dir.resolve("missing.onnx")),
                CompileOptions.defaults())), "missing.onnx", "no such file");
    }

    @Test
    void shouldRejectFewerThanTwoCheckpoints() {
        assertContains(failure(() -> compiler.compile(List.of(new Checkpoint("only", ClassifierZoo.mlp(1, ElementType.FLOAT))),
                CompileOptions.defaults())), "at least 2 checkpoints", "got 1");
    }

    @Test
    void shouldRejectADirectoryWithTooFewCheckpoints() throws IOException {
        OnnxFiles.write(ClassifierZoo.mlp(1, ElementType.FLOAT), dir.resolve("ck-001.onnx"));
        assertContains(failure(() -> Checkpoint.lastInDirectory(dir, 3)), dir.toString(), "holds 1 .onnx", "3 needed");
    }

    @Test
    void shouldTakeTheLastCheckpointsOfADirectoryInNaturalOrder() throws IOException {
        for (String name : List.of("ck-9.onnx", "ck-10.onnx", "ck-2.onnx", "ck-11.onnx", "notes.txt")) {
            Files.writeString(dir.resolve(name), "x");
        }
        assertTrue(Checkpoint.lastInDirectory(dir, 3).stream().map(p -> p.getFileName().toString()).toList()
                .equals(List.of("ck-9.onnx", "ck-10.onnx", "ck-11.onnx")));
    }

    @Test
    void shouldRejectMismatchedInputShapes() {
        assertContains(failure(() -> compiler.compile(List.of(new Checkpoint("small", ClassifierZoo.lenet(1, 1, 12, 4)),
                new Checkpoint("large", ClassifierZoo.lenet(2, 1, 16, 4))), CompileOptions.defaults())),
                "small", "input shape [1, 12, 12]", "large", "[1, 16, 16]");
    }

    @Test
    void shouldRejectMismatchedClassCounts() {
        assertContains(failure(() -> compiler.compile(List.of(new Checkpoint("four", ClassifierZoo.lenet(1, 1, 12, 4)),
                new Checkpoint("five", ClassifierZoo.lenet(2, 1, 12, 5))), CompileOptions.defaults())),
                "four", "4 classes", "five", "5");
    }

    @Test
    void shouldNameAnUnsupportedOpItsNodeAndTheSupportedOps() {
        ModelFixture f = ModelFixture.of(1, ElementType.FLOAT, 4);
        f.graph().add(ai.onnx.proto.OnnxMl.NodeProto.newBuilder().setOpType("Sin").setName("wave").addInput("x")
                .addOutput("waved").build());
        ModelProto model = f.classifier("waved", 3);
        assertContains(failure(() -> compiler.compile(List.of(new Checkpoint("sine.onnx", model),
                new Checkpoint("sine2.onnx", model)), CompileOptions.defaults())),
                "sine.onnx", "node 'wave' (Sin)", "no gradient rule for op Sin", "supported: Abs, Add, AveragePool");
    }

    @Test
    void shouldRejectAModelWithoutAFloatInput() {
        GraphBuilder g = new GraphBuilder("");
        g.input("tokens", ElementType.INT64, -1, 4);
        g.opTo("Cast", List.of("tokens"), "logits", of("to", (long) ElementType.FLOAT));
        g.output("logits", ElementType.FLOAT, -1, 4);
        ModelProto model = g.toModel("ints", 17);
        assertContains(failure(() -> compiler.compile(List.of(new Checkpoint("ids.onnx", model),
                new Checkpoint("ids2.onnx", model)), CompileOptions.defaults())),
                "ids.onnx", "input 'tokens' is int64", "float input");
    }

    @Test
    void shouldRejectADynamicNonBatchDimension() {
        ModelProto model = ClassifierZoo.mlp(1, ElementType.FLOAT);
        var input = model.getGraph().getInput(0).toBuilder();
        input.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(1).clearDimValue().setDimParam("D");
        ModelProto dynamic = model.toBuilder().setGraph(model.getGraph().toBuilder().setInput(0, input)).build();
        assertContains(failure(() -> compiler.compileGradient(new Checkpoint("dyn.onnx", dynamic), Optional.empty())),
                "dyn.onnx", "dimension 1 is not fixed");
    }

    @Test
    void shouldRefuseReductionsOverTheBatchAxis() {
        // a ReduceSum over all axes (batch included) used to compile, making VoG depend on the batch (found in review)
        ModelFixture f = ModelFixture.of(1, ElementType.FLOAT, 4);
        String total = f.op("ReduceSum", List.of(f.op("Tanh", List.of("x"))), of("keepdims", 1L));
        ModelProto model = f.classifier(f.op("Mul", List.of("x", total)), 2);
        assertContains(failure(() -> compiler.compileGradient(new Checkpoint("sum.onnx", model), Optional.empty())),
                "sum.onnx", "(ReduceSum)", "a reduction over the batch axis mixes examples");
    }

    @Test
    void shouldRefuseAPReluSlopeComputedFromTheInput() {
        // the slope took no gradient and the compile went through, giving a wrong gradient (found in review)
        ModelFixture f = ModelFixture.of(1, ElementType.FLOAT, 4);
        String x = f.op("Tanh", List.of("x"));
        ModelProto model = f.classifier(f.op("PRelu", List.of(x, f.op("Sigmoid", List.of(x)))), 2);
        assertContains(failure(() -> compiler.compileGradient(new Checkpoint("prelu.onnx", model), Optional.empty())),
                "prelu.onnx", "(PRelu)", "a PRelu slope computed from the input is not differentiable here");
    }

    @Test
    void shouldRefuseMeanVarianceNormalizationOverTheBatchAxis() {
        // ONNX's default axes [0, 2, 3] normalize each channel over the whole batch
        ModelFixture f = ModelFixture.of(1, ElementType.FLOAT, 2, 4, 4);
        ModelProto model = f.classifier(f.op("MeanVarianceNormalization", List.of(f.op("Tanh", List.of("x")))), 2);
        assertContains(failure(() -> compiler.compileGradient(new Checkpoint("mvn.onnx", model), Optional.empty())),
                "mvn.onnx", "(MeanVarianceNormalization)", "the batch axis mixes examples");
    }

    @Test
    void shouldRejectAnUnknownLogitsName() {
        ModelProto model = ClassifierZoo.mlp(1, ElementType.FLOAT);
        assertContains(failure(() -> compiler.compileGradient(new Checkpoint("mlp.onnx", model), Optional.of("nope"))),
                "mlp.onnx", "no node produces a tensor named 'nope'");
    }

    @Test
    void shouldRejectLogitsThatAreNotPerClass() {
        ModelFixture f = ModelFixture.of(1, ElementType.FLOAT, 2, 3);
        String t = f.op("Tanh", List.of("x"));
        ModelProto model = f.classifier(t, 3);
        assertContains(failure(() -> compiler.compileGradient(new Checkpoint("m.onnx", model), Optional.of(t))),
                "m.onnx", "have shape [2, 2, 3]", "expected [N, classes]");
    }

    @Test
    void shouldRefuseDropoutInTrainingMode() {
        ModelFixture f = ModelFixture.of(1, ElementType.FLOAT, 4).opset(13);
        String training = f.graph().constant(ai.onnx.proto.OnnxMl.TensorProto.newBuilder()
                .setDataType(ai.onnx.proto.OnnxMl.TensorProto.DataType.BOOL.getNumber()).addInt32Data(1).build());
        ModelProto model = f.classifier(f.op("Dropout", List.of(f.op("Tanh", List.of("x")), f.graph().scalar(ElementType.FLOAT, 0.5),
                training)), 2);
        assertContains(failure(() -> compiler.compileGradient(new Checkpoint("drop.onnx", model), Optional.empty())),
                "drop.onnx", "(Dropout)", "training mode");
    }

    @Test
    void shouldNameAnUnsupportedResizeMode() {
        ModelFixture f = ModelFixture.of(2, ElementType.FLOAT, 1, 4, 4);
        String scales = f.graph().constant(org.vogstream.core.onnx.Tensors.floats("", new long[] {4}, 1, 1, 2, 2));
        ModelProto model = f.classifier(f.op("Resize", List.of("x", "", scales), of("mode", "cubic")), 2);
        assertContains(failure(() -> compiler.compileGradient(new Checkpoint("cubic.onnx", model), Optional.empty())),
                "cubic.onnx", "(Resize)", "mode cubic (nearest and linear are supported)");
    }
}

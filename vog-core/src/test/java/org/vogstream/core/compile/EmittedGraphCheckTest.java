package org.vogstream.core.compile;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.testing.ClassifierZoo;

/**
 * The fused graph is run once before a compilation is reported (issue 22, class 5): a graph that
 * does not load, or whose logits are not the model's, is refused in one line and never written.
 */
class EmittedGraphCheckTest {
    private static final ModelProto A = ClassifierZoo.lenet(21, 2, 12, 5);
    private static final ModelProto B = ClassifierZoo.lenet(22, 2, 12, 5);

    private static CompiledVog compiled(ModelProto latest) {
        return new VogCompiler().compile(List.of(new Checkpoint("a", A), new Checkpoint("latest", latest)),
                CompileOptions.defaults());
    }

    @Test
    void shouldPassTheGraphTheCompilerEmits() {
        CompiledVog c = compiled(B);
        EmittedGraphCheck.verify(new Checkpoint("latest", B), c.logits(), c.model(), c.exampleDims(), c.classes());
    }

    @Test
    void shouldRefuseAGraphWhoseLogitsAreNotTheModelsInOneLine() {
        CompiledVog ofA = compiled(A);
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> EmittedGraphCheck.verify(
                new Checkpoint("ck-b.onnx", B), ofA.logits(), ofA.model(), ofA.exampleDims(), ofA.classes()));
        assertTrue(e.getMessage().startsWith("ck-b.onnx: the compiled graph's logits differ from the model's by up to ")
                && e.getMessage().endsWith("nothing was written (a compiler fault: please report it with the model)")
                && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void shouldRefuseAGraphOnnxRuntimeCannotLoadInOneLine() {
        CompiledVog c = compiled(B);
        var graph = c.model().getGraph().toBuilder();
        // the logits declared as int64: what the float64 Gemm fault looked like to ONNX Runtime, a type mismatch
        var logits = graph.getOutputBuilder(1);
        logits.getTypeBuilder().getTensorTypeBuilder().setElemType(ElementType.INT64);
        ModelProto broken = c.model().toBuilder().setGraph(graph).build();
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> EmittedGraphCheck.verify(
                new Checkpoint("ck-b.onnx", B), c.logits(), broken, c.exampleDims(), c.classes()));
        assertTrue(e.getMessage().startsWith("ck-b.onnx: the compiled graph does not run on ONNX Runtime (")
                && !e.getMessage().contains("\n"), e.getMessage());
    }
}

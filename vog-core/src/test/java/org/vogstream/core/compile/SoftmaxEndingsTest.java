package org.vogstream.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vogstream.core.onnx.Attributes.of;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.testing.ExporterCheck;
import org.vogstream.core.testing.ModelFixture;

/**
 * Classifiers ending in Softmax or LogSoftmax as exporters write them at opsets 9 to 17, with and
 * without a trailing Identity or Flatten: the compiled saliency is the gradient of the pre-softmax
 * logit of the graph as exported (third-party opset-9 LeNets had 72–92% error: the upgraded pre-13
 * Softmax was differentiated instead of stripped).
 */
class SoftmaxEndingsTest {
    static Stream<Arguments> endings() {
        List<Arguments> all = new ArrayList<>();
        for (int opset : new int[] {9, 11, 12, 13, 17}) {
            for (String op : List.of("Softmax", "LogSoftmax")) {
                for (String trailing : List.of("", "Identity", "Flatten")) {
                    all.add(Arguments.of(opset, op, trailing));
                }
            }
        }
        return all.stream();
    }

    /** Conv → Tanh → Flatten → Gemm ({@code logits}) → op → trailing, smooth for finite differences. */
    static ModelProto endingIn(int opset, String op, String trailing) {
        ModelFixture f = ModelFixture.of(opset * 7L + op.length(), ElementType.FLOAT, 1, 8, 8).opset(opset);
        String h = f.op("Tanh", List.of(f.conv("x", 1, 3, new long[] {3, 3}, of("pads", new long[] {1, 1, 1, 1}))));
        f.classifier(h, 5);
        // torch writes dim=1 explicitly; from 13 the default axis (−1) means the same on [N, classes]
        AttributeProto[] axis = opset == 13 ? new AttributeProto[0] : new AttributeProto[] {of("axis", 1L)};
        String out = f.op(op, List.of("logits"), axis);
        if (trailing.equals("Flatten")) {
            out = f.op("Flatten", List.of(out), of("axis", 1L));
        } else if (!trailing.isEmpty()) {
            out = f.op(trailing, List.of(out));
        }
        return f.model(out, 5);
    }

    @ParameterizedTest(name = "opset {0}, {1}, trailing {2}")
    @MethodSource("endings")
    void shouldDifferentiateThePreSoftmaxLogitsOfTheExportedGraph(int opset, String op, String trailing) {
        ModelProto forward = endingIn(opset, op, trailing);
        String name = "opset " + opset + " " + op + (trailing.isEmpty() ? "" : " + " + trailing);
        CompiledVog compiled = ExporterCheck.assertSaliencyMatchesLogits(name, forward, "logits", 2e-3, false);
        assertEquals("logits", compiled.logits().tensor(), compiled.summary());
        assertTrue(compiled.summary().contains("logits 'logits' (input of the final " + op), compiled.summary());
        if (!trailing.isEmpty()) {
            assertTrue(compiled.summary().contains("under " + trailing), compiled.summary());
        }
    }

    @Test
    void shouldCompileAPreThirteenSoftmaxEndingToTheGraphOfItsLogits() {
        ModelFixture f = ModelFixture.of(9, ElementType.FLOAT, 1, 8, 8).opset(9);
        ModelProto plain = f.classifier(f.op("Tanh", List.of(f.conv("x", 1, 3, new long[] {3, 3}))), 5);
        ModelProto withSoftmax = f.model(f.op("Softmax", List.of("logits"), of("axis", 1L)), 5);
        VogCompiler compiler = new VogCompiler();
        CompiledVog a = compiler.compile(List.of(new Checkpoint("a", plain), new Checkpoint("b", plain)),
                CompileOptions.defaults());
        CompiledVog b = compiler.compile(List.of(new Checkpoint("a", withSoftmax), new Checkpoint("b", withSoftmax)),
                CompileOptions.defaults());
        assertEquals(a.model().getGraph().getNodeCount(), b.model().getGraph().getNodeCount(), b.summary());
        assertTrue(a.summary().endsWith("logits 'logits' (graph output)"), a.summary());
    }

    @Test
    void shouldKeepASoftmaxOverAnotherAxisAndSayTheOutputWasTaken() {
        // a Softmax over axis 0 normalizes across the batch: not a classifier's ending, so not stripped
        ModelFixture f = ModelFixture.of(4, ElementType.FLOAT, 1, 8, 8).opset(11);
        f.classifier(f.op("Tanh", List.of(f.conv("x", 1, 3, new long[] {3, 3}))), 5);
        String probs = f.op("Softmax", List.of("logits"), of("axis", 0L));
        LogitsChoice choice = LogitsChoice.find("m.onnx", f.model(probs, 5).getGraph(), 11);
        assertEquals(probs, choice.tensor());
        assertEquals("graph output", choice.reason());
        assertEquals("--logits", new VogCompiler().compile(List.of(new Checkpoint("a", f.model(probs, 5)),
                new Checkpoint("b", f.model(probs, 5))), new CompileOptions(false, Optional.of("logits")))
                .logits().reason());
    }
}

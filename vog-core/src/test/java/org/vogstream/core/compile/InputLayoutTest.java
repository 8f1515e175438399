package org.vogstream.core.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vogstream.core.onnx.Attributes.of;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vogstream.core.onnx.ElementType;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.testing.ExporterFixtures;
import org.vogstream.core.testing.ModelFixture;

/** How the compiler decides which input axis holds the channels. */
class InputLayoutTest {
    private static InputLayout layoutOf(ModelProto model) {
        return InputLayout.of(model.getGraph(), model.getGraph().getInput(0).getName(), 4);
    }

    @Test
    void shouldReadATf2onnxTransposeAfterPreprocessingAsChannelsLast() {
        InputLayout layout = layoutOf(ExporterFixtures.tf2onnxChannelsLast(1).model());
        assertTrue(layout.channelsLast());
        assertArrayEquals(new long[] {3, 8, 8}, layout.channelsFirst(new long[] {8, 8, 3}));
    }

    @Test
    void shouldKeepAxisOneForOtherTransposesAndForInputsUsedTwice() {
        ModelFixture swap = ModelFixture.of(1, ElementType.FLOAT, 3, 8, 8);
        ModelProto swapped = swap.classifier(swap.op("Transpose", List.of("x"), of("perm", new long[] {0, 1, 3, 2})), 2);
        assertFalse(layoutOf(swapped).channelsLast());
        ModelFixture twice = ModelFixture.of(2, ElementType.FLOAT, 8, 8, 3);
        String t = twice.op("Transpose", List.of("x"), of("perm", new long[] {0, 3, 1, 2}));
        ModelProto residual = twice.classifier(twice.op("Add", List.of(twice.op("Transpose", List.of(t),
                of("perm", new long[] {0, 2, 3, 1})), "x")), 2);
        assertFalse(layoutOf(residual).channelsLast());
    }

    @Test
    void shouldRefuseCheckpointsOfDifferentLayouts() {
        ModelFixture f = ModelFixture.of(3, ElementType.FLOAT, 8, 8, 3);
        ModelProto channelsFirst = f.classifier(f.op("Tanh", List.of("x")), 5);
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> new VogCompiler().compile(List.of(
                new Checkpoint("first.onnx", channelsFirst),
                new Checkpoint("last.onnx", ExporterFixtures.tf2onnxChannelsLast(4).model())), CompileOptions.defaults()));
        assertTrue(e.getMessage().contains("first.onnx: input is channels_first but last.onnx's is channels_last"),
                e.getMessage());
    }
}

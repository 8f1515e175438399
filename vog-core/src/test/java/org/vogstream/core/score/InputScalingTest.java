package org.vogstream.core.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.compile.InputLayout;
import org.vogstream.core.data.TensorDtype;
import org.vogstream.core.onnx.InvalidModelException;

class InputScalingTest {
    @TempDir
    Path dir;

    private InputScaling scaling(String json, long[] dims, boolean channelsLast) throws Exception {
        Path file = dir.resolve(InputScaling.FILE);
        Files.writeString(file, json);
        return InputScaling.read(file, dims, new InputLayout(channelsLast));
    }

    @Test
    void shouldScaleEachChannelOfAChannelsFirstInput() throws Exception {
        InputScaling s = scaling("{\"uint8\": {\"scale\": [1, 2, 0.5], \"offset\": [0, -1, 10]}}", new long[] {3, 1, 2}, false);
        assertArrayEquals(new float[] {1, 2, 5, 7, 11, 12},
                s.modelInput(TensorDtype.UINT8, new float[] {1, 2, 3, 4, 2, 4}, () -> "x"));
    }

    @Test
    void shouldScaleTheLastAxisOfAChannelsLastInput() throws Exception {
        InputScaling s = scaling("{\"uint8\": {\"scale\": [1, 2, 0.5]}}", new long[] {1, 2, 3}, true);
        assertArrayEquals(new float[] {1, 4, 1.5f, 4, 10, 3},
                s.modelInput(TensorDtype.UINT8, new float[] {1, 2, 3, 4, 5, 6}, () -> "x"));
    }

    @Test
    void shouldMatchPixelsOver255ForEveryByte() throws Exception {
        // the bundled digits are pixels / 255 in float: 1/255 as a double scale gives the same floats
        InputScaling s = scaling("{\"uint8\": {\"scale\": 0.00392156862745098, \"offset\": 0.0}}", new long[] {256}, false);
        float[] bytes = new float[256];
        float[] expected = new float[256];
        for (int u = 0; u < 256; u++) {
            bytes[u] = u;
            expected[u] = u / 255f;
        }
        assertArrayEquals(expected, s.modelInput(TensorDtype.UINT8, bytes, () -> "x"));
        float[] floats = {0.25f};
        assertTrue(floats == s.modelInput(TensorDtype.FLOAT32, floats, () -> "x"));
    }

    @Test
    void shouldRefuseUint8WithoutAScalingNamingTheFile() {
        Path file = dir.resolve(InputScaling.FILE);
        InputScaling none = InputScaling.read(file, new long[] {1, 2, 2}, InputLayout.CHANNELS_FIRST);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> none.modelInput(TensorDtype.UINT8, new float[4], () -> "example '7'"));
        assertEquals("example '7': dtype uint8 needs the model set's uint8 scaling, and " + file
                + " declares none (add {\"uint8\": {\"scale\": ..., \"offset\": ...}})", e.getMessage());
        assertTrue(none.refusal(TensorDtype.FLOAT16).isEmpty());
    }

    @Test
    void shouldRefuseAMalformedFileInOneLineNamingIt() {
        Path file = dir.resolve(InputScaling.FILE);
        long[] dims = {3, 2, 2};
        assertEquals(file + ": 'uint8.scale' has 2 entries; the model's input [N, 3, 2, 2] has 3 channels (axis 1)",
                assertThrows(InvalidModelException.class, () -> scaling("{\"uint8\": {\"scale\": [1, 2]}}", dims, false))
                        .getMessage());
        assertEquals(file + ": unknown field 'unit8' (known: uint8)", assertThrows(InvalidModelException.class,
                () -> scaling("{\"unit8\": {\"scale\": 1}}", dims, false)).getMessage());
        assertEquals(file + ": 'uint8' must be an object with 'scale' (and optionally 'offset')",
                assertThrows(InvalidModelException.class, () -> scaling("{\"uint8\": {\"offset\": 1}}", dims, false))
                        .getMessage());
        assertEquals(file + ": 'uint8.offset' must be a number or an array of numbers, one per channel",
                assertThrows(InvalidModelException.class, () -> scaling("{\"uint8\": {\"scale\": 1, \"offset\": \"0\"}}",
                        dims, false)).getMessage());
        String notJson = assertThrows(InvalidModelException.class, () -> scaling("{\"uint8\": ", dims, false)).getMessage();
        assertTrue(notJson.startsWith(file + ": not JSON (") && !notJson.contains("\n"), notJson);
    }
}

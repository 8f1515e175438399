package org.vogstream.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vogstream.core.data.InvalidEventException.Code;

class TensorDtypeTest {
    @TempDir
    Path dir;

    private static InvalidEventException refused(String input) {
        String json = "{\"event_id\":\"a\",\"model\":\"m\",\"timestamp\":1,\"input\":" + input + "}";
        return assertThrows(InvalidEventException.class, () -> InferenceEventCodec.decode(json.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @EnumSource(TensorDtype.class)
    void shouldRoundTripAnEventInEachDtype(TensorDtype dtype) throws Exception {
        // values every dtype holds exactly
        float[] values = {0f, 1f, 7f, 255f, 128f, 3f};
        InferenceEvent e = new InferenceEvent("e-1", "m", 5L, new long[] {2, 3}, values, OptionalInt.of(2), "s", Map.of(),
                dtype);
        byte[] json = InferenceEventCodec.encode(e);
        InferenceEvent back = InferenceEventCodec.decode(json);
        assertEquals(dtype, back.dtype());
        assertArrayEquals(values, back.values());
        assertArrayEquals(e.shape(), back.shape());
        assertEquals("\"" + dtype.json() + "\"", new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)
                .at("/input/dtype").toString());
    }

    @Test
    void shouldRoundFloat16AndRefuseWhatItCannotHold() throws Exception {
        InferenceEvent e = new InferenceEvent("e", "m", 5L, new long[] {2}, new float[] {0.1f, -65504f}, OptionalInt.empty(),
                null, Map.of(), TensorDtype.FLOAT16);
        assertArrayEquals(new float[] {0.099975586f, -65504f}, InferenceEventCodec.decode(InferenceEventCodec.encode(e)).values());
        IllegalArgumentException far = assertThrows(IllegalArgumentException.class, () -> TensorDtype.FLOAT16.bytes(
                new float[] {1f, 70000f}));
        assertEquals("element 1 is 70000.0, beyond float16's range (±65504.0)", far.getMessage());
        IllegalArgumentException notByte = assertThrows(IllegalArgumentException.class, () -> TensorDtype.UINT8.bytes(
                new float[] {0.5f}));
        assertEquals("element 0 is 0.5, not a uint8 (an integer 0..255)", notByte.getMessage());
    }

    /** The codec refuses this {@code input} with this code and this one-line message. */
    private static void assertRefused(Code code, String message, String input) {
        InvalidEventException e = refused(input);
        assertEquals(code, e.code(), message);
        assertEquals(message, e.getMessage());
    }

    @Test
    void shouldRefuseUnknownDtypesWrongByteCountsAndNonFiniteHalves() {
        assertRefused(Code.SCHEMA_VIOLATION, "'input.dtype' \"int8\" is not one of float32, float16, uint8",
                "{\"shape\":[1],\"dtype\":\"int8\",\"data\":\"AA==\"}");
        assertRefused(Code.BAD_TENSOR, "'input.data' holds 4 bytes; shape [3] needs 6 (float16)",
                "{\"shape\":[3],\"dtype\":\"float16\",\"data\":\"AAAAAA==\"}");
        assertRefused(Code.BAD_TENSOR, "'input.data' holds 4 bytes; shape [2] needs 2 (uint8)",
                "{\"shape\":[2],\"dtype\":\"uint8\",\"data\":\"AAAAAA==\"}");
        // 0x7c00 little-endian = +inf, 0x7e00 = NaN
        assertRefused(Code.NON_FINITE, "input element 1 is Infinity", "{\"shape\":[2],\"dtype\":\"float16\",\"data\":\"AAAAfA==\"}");
        assertRefused(Code.NON_FINITE, "input element 0 is NaN", "{\"shape\":[1],\"dtype\":\"float16\",\"data\":\"AH4=\"}");
        assertRefused(Code.SCHEMA_VIOLATION, "'input.values' are float32; dtype uint8 goes with base64 'data'",
                "{\"shape\":[1],\"dtype\":\"uint8\",\"values\":[3]}");
    }

    @Test
    void shouldReadUint8AndFloat16NpyArraysKeepingTheirDtype() throws Exception {
        Path x = dir.resolve("pixels.npy");
        NpyArray.writeUint8(x, new long[] {2, 1, 2}, new byte[] {0, 1, (byte) 200, (byte) 255});
        List<Example> examples = ExampleFiles.read(x, null);
        assertEquals(TensorDtype.UINT8, examples.get(1).dtype());
        assertArrayEquals(new float[] {200f, 255f}, examples.get(1).values());
        Path y = dir.resolve("labels.npy");
        NpyArray.writeLongs(y, new long[] {1}, new long[] {1});
        java.io.IOException ints = assertThrows(java.io.IOException.class, () -> ExampleFiles.read(y, null));
        assertEquals(y + ": expected a float or uint8 array of examples [N, ...], found <i8", ints.getMessage());
    }

    @Test
    void shouldSizeA224PixelImageEventPerDtype() {
        // docs/bring-your-own-model.md §8.1 quotes these: one 3×224×224 image as a JSON event
        long[] shape = {3, 224, 224};
        float[] pixels = new float[3 * 224 * 224];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i % 256;
        }
        StringBuilder line = new StringBuilder("3x224x224 event bytes:");
        int[] sizes = new int[3];
        for (TensorDtype dtype : TensorDtype.values()) {
            sizes[dtype.ordinal()] = InferenceEventCodec.encode(new InferenceEvent("img-000001", "resnet", 1_700_000_000_000L,
                    shape, pixels, OptionalInt.empty(), null, Map.of(), dtype)).length;
            line.append(' ').append(dtype.json()).append('=').append(sizes[dtype.ordinal()]);
        }
        System.out.println(line);
        assertArrayEquals(new int[] {802_942, 401_534, 200_828}, sizes);
    }
}

package org.vogstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vogstream.app.cli.CommandErrorsTest.assertRefused;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.data.Example;
import org.vogstream.core.data.ExampleFiles;
import org.vogstream.core.data.InferenceEvent;
import org.vogstream.core.data.InferenceEventCodec;
import org.vogstream.core.data.NpyArray;
import org.vogstream.core.data.TensorDtype;

/** {@code vog produce --dtype}: what each dtype sends, and the data it refuses before any broker is asked. */
class ProduceCommandTest {
    @TempDir
    Path dir;

    private static InferenceEvent decoded(ProducedEvents.Event e) throws Exception {
        return InferenceEventCodec.decode(e.json());
    }

    @Test
    void shouldSendUint8DataAsUint8EventsAndFloatsAsRoundedHalves() throws Exception {
        Path bytes = dir.resolve("pixels.npy");
        NpyArray.writeUint8(bytes, new long[] {1, 1, 3}, new byte[] {0, 17, (byte) 255});
        List<Example> pixels = ExampleFiles.read(bytes, null);
        InferenceEvent u = decoded(ProducedEvents.of(pixels, TensorDtype.UINT8, "m", bytes).encode(pixels.get(0), "pixels"));
        assertEquals("pixels-0", u.eventId());
        assertEquals(TensorDtype.UINT8, u.dtype());
        assertArrayEquals(new float[] {0, 17, 255}, u.values());

        Path floats = dir.resolve("x.npy");
        NpyArray.writeFloats(floats, new long[] {1, 2}, new float[] {0.1f, 1f});
        List<Example> x = ExampleFiles.read(floats, null);
        InferenceEvent h = decoded(ProducedEvents.of(x, TensorDtype.FLOAT16, "m", floats).encode(x.get(0), "x"));
        assertEquals(TensorDtype.FLOAT16, h.dtype());
        assertArrayEquals(new float[] {0.099975586f, 1f}, h.values());
    }

    @Test
    void shouldTimestampEachEventWhenItIsMadeForSending() throws Exception {
        // every event was made, and timestamped, before the first send: at --rate 50 the 100th was
        // 2 s old when sent, and the detector's latency p99 rule fired on an idle detector (found in review)
        Path floats = dir.resolve("x.npy");
        NpyArray.writeFloats(floats, new long[] {2, 1}, new float[] {0.5f, 0.25f});
        List<Example> x = ExampleFiles.read(floats, null);
        ProducedEvents events = ProducedEvents.of(x, TensorDtype.FLOAT32, "m", floats);
        long made = System.currentTimeMillis();
        assertTrue(decoded(events.encode(x.get(1), "x")).timestampMillis() >= made, "stamped when made, not when checked");
    }

    @Test
    void shouldRefuseFloat16ValuesBeyondItsRangeNamingTheExample() throws Exception {
        Path floats = dir.resolve("big.npy");
        NpyArray.writeFloats(floats, new long[] {2, 1}, new float[] {1f, 1e5f});
        List<Example> x = ExampleFiles.read(floats, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProducedEvents.of(x, TensorDtype.FLOAT16, "m", floats));
        assertEquals("example '1' as float16: element 0 is 100000.0, beyond float16's range (±65504.0)", e.getMessage());
    }

    @Test
    void shouldRefuseDataTheDtypeDoesNotFitInOneLine() throws Exception {
        Path bytes = dir.resolve("pixels.npy");
        NpyArray.writeUint8(bytes, new long[] {1, 2}, new byte[] {1, 2});
        assertRefused("error: --dtype uint8 needs uint8 data (a .npy of dtype uint8, or uint8 events); "
                + CommandErrorsTest.DIGITS + " holds float32 (example '0')", produce(CommandErrorsTest.DIGITS, "uint8"));
        assertRefused("error: " + bytes + " holds uint8 values; send them with --dtype uint8, which the model set's"
                + " input.json scales", produce(bytes, "float32"));
        assertRefused("error: --dtype must be one of float32, float16, uint8, got int8", produce(bytes, "int8"));
    }

    private static VogCli.Run produce(Path data, String dtype) {
        return VogCli.run("produce", "--bootstrap-servers", "localhost:9092", "--model", "mnist", "--data", data.toString(),
                "--dtype", dtype);
    }
}

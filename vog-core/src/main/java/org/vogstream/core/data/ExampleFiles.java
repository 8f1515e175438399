package org.vogstream.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Reads examples from a JSONL file of inference events or a {@code .npy} float or uint8 array of
 * [N, ...] (with optional {@code .npy} integer labels [N]). Each example keeps the element type it
 * came in: a uint8 one is scaled by the model set that scores it, not here.
 */
public final class ExampleFiles {
    private ExampleFiles() {}

    public static List<Example> read(Path data, Path labels) throws IOException {
        String name = data.getFileName().toString();
        if (name.endsWith(".npy")) {
            return readNpy(data, labels);
        }
        if (labels != null) {
            throw new IOException(labels + ": separate labels go with .npy data; JSONL events carry a 'label' field");
        }
        if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) {
            return readJsonl(data);
        }
        throw new IOException(data + ": unknown data format (expected .jsonl events or a .npy array)");
    }

    private static List<Example> readJsonl(Path file) throws IOException {
        List<Example> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    InferenceEvent e = InferenceEventCodec.decode(line.getBytes(StandardCharsets.UTF_8));
                    out.add(new Example(e.eventId(), e.shape(), e.values(), e.label(), e.dtype()));
                } catch (InvalidEventException e) {
                    throw new IOException(file + ":" + number + ": " + e.code().json() + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    private static List<Example> readNpy(Path data, Path labelsFile) throws IOException {
        NpyArray x = NpyArray.read(data);
        if (x.floats() == null && !x.isUint8()) {
            throw new IOException(data + ": expected a float or uint8 array of examples [N, ...], found " + x.dtype());
        }
        if (x.shape().length < 2) {
            throw new IOException(data + ": expected examples [N, ...], found shape " + Arrays.toString(x.shape()));
        }
        long[] labels = null;
        if (labelsFile != null) {
            NpyArray l = NpyArray.read(labelsFile);
            if (l.longs() == null || l.shape().length != 1 || l.shape()[0] != x.rows()) {
                throw new IOException(labelsFile + ": expected " + x.rows() + " integer labels [N], found shape "
                        + Arrays.toString(l.shape()));
            }
            labels = l.longs();
        }
        int n = x.rows();
        long[] row = x.rowShape();
        TensorDtype dtype = x.isUint8() ? TensorDtype.UINT8 : x.dtype().endsWith("f2") ? TensorDtype.FLOAT16 : TensorDtype.FLOAT32;
        float[] all = x.floats() != null ? x.floats() : uint8Values(x.longs());
        int size = all.length / n;
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] v = Arrays.copyOfRange(all, i * size, (i + 1) * size);
            for (int j = 0; j < v.length; j++) {
                if (!Float.isFinite(v[j])) {
                    throw new IOException(data + ": row " + i + ": element " + j + " is " + v[j]);
                }
            }
            out.add(new Example(Integer.toString(i), row, v,
                    labels == null ? OptionalInt.empty() : OptionalInt.of(Math.toIntExact(labels[i])), dtype));
        }
        return out;
    }

    private static float[] uint8Values(long[] bytes) {
        float[] out = new float[bytes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes[i];
        }
        return out;
    }
}

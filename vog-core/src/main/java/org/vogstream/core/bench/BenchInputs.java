package org.vogstream.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.vogstream.core.data.NpyArray;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.score.ModelSet;

/**
 * What the benchmarks feed the model: the model set's test inputs ({@value #TEST_INPUTS} beside its
 * checkpoints, as the bundled model ships them) or, without them, uniform noise of the model's
 * input shape. Real inputs matter: the bundled LeNet's VoG graph runs markedly slower on noise than
 * on digits, its max-pooling branching on the data (docs/results/performance.md).
 *
 * @param source what the inputs are, for the benchmark's header
 */
public record BenchInputs(long[] exampleDims, float[] values, int rows, String source) {
    public static final String TEST_INPUTS = "test-digits.npy";

    public static BenchInputs of(ModelSet set, Path modelDir) throws IOException {
        Path file = beside(modelDir, TEST_INPUTS);
        int size = Math.toIntExact(set.exampleSize());
        String instead = "";
        if (Files.isRegularFile(file)) {
            NpyArray a = NpyArray.read(file);
            if (a.rows() > 0 && Shapes.elements(a.rowShape()) == size) {
                return new BenchInputs(set.exampleDims(), a.floats(), a.rows(), file.toString());
            }
            instead = " (" + file + " holds " + a.rows() + " rows of shape " + Arrays.toString(a.rowShape())
                    + ", the model takes " + Arrays.toString(set.exampleDims()) + ")";
        }
        Random random = new Random(15);
        int rows = 1000;
        float[] values = new float[rows * size];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return new BenchInputs(set.exampleDims(), values, rows, rows + " generated inputs (uniform in [0, 1])" + instead);
    }

    /** A file in a checkpoint directory, or beside a compiled graph. */
    public static Path beside(Path modelDir, String name) {
        return Files.isDirectory(modelDir) ? modelDir.resolve(name) : modelDir.toAbsolutePath().resolveSibling(name);
    }

    /** Input {@code i}, wrapping around. */
    public float[] row(int i) {
        int size = values.length / rows;
        int r = Math.floorMod(i, rows);
        return Arrays.copyOfRange(values, r * size, (r + 1) * size);
    }

    /** The first {@code n} inputs (wrapping around), one array each. */
    public List<float[]> batch(int n) {
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(row(i));
        }
        return out;
    }

    /** The first {@code n} inputs (wrapping around), end to end in one array. */
    public float[] flatBatch(int n) {
        int size = values.length / rows;
        float[] flat = new float[n * size];
        for (int i = 0; i < n; i++) {
            System.arraycopy(values, Math.floorMod(i, rows) * size, flat, i * size, size);
        }
        return flat;
    }
}

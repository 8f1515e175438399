package org.vogstream.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.vogstream.core.data.NpyArray;
import org.vogstream.core.onnx.Shapes;
import org.vogstream.core.score.ModelSet;

/**
 * What the benchmark sends: the model set's test inputs ({@value #TEST_INPUTS} beside its
 * checkpoints, as the bundled model ships them) or, without them, uniform noise of the model's
 * input shape. Either way the same inputs feed the raw scorer measurement.
 */
record BenchInputs(long[] exampleDims, float[] values, int rows, String source) {
    static final String TEST_INPUTS = "test-digits.npy";

    static BenchInputs of(ModelSet set, Path modelDir) throws IOException {
        Path file = beside(modelDir, TEST_INPUTS);
        int size = Math.toIntExact(set.exampleSize());
        if (Files.isRegularFile(file)) {
            NpyArray a = NpyArray.read(file);
            if (Shapes.elements(a.rowShape()) == size) {
                return new BenchInputs(set.exampleDims(), a.floats(), a.rows(), file.toString());
            }
        }
        Random random = new Random(15);
        int rows = 1000;
        float[] values = new float[rows * size];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return new BenchInputs(set.exampleDims(), values, rows, rows + " generated inputs (uniform in [0, 1])");
    }

    /** A file in a checkpoint directory, or beside a compiled graph. */
    static Path beside(Path modelDir, String name) {
        return Files.isDirectory(modelDir) ? modelDir.resolve(name) : modelDir.toAbsolutePath().resolveSibling(name);
    }

    float[] row(int i) {
        int size = values.length / rows;
        int r = Math.floorMod(i, rows);
        return Arrays.copyOfRange(values, r * size, (r + 1) * size);
    }
}

package org.vogstream.core.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.vogstream.core.onnx.OnnxFiles;

/** Checkpoint directories of random-weight LeNet-style classifiers, as a training run would leave them. */
public final class CheckpointDirs {
    private CheckpointDirs() {}

    /** Writes {@code ck-001.onnx}.. of 1×12×12 inputs and {@code classes} classes into {@code dir}. */
    public static Path lenet(Path dir, int count, long seed, int classes) throws IOException {
        for (int i = 1; i <= count; i++) {
            OnnxFiles.write(ClassifierZoo.lenet(seed + i, 1, 12, classes), dir.resolve(String.format("ck-%03d.onnx", i)));
        }
        return dir;
    }

    /** Writes {@code ck-001.onnx}.. of tf2onnx-style channels-last classifiers ([N, 8, 8, 3], 5 classes). */
    public static Path channelsLast(Path dir, int count, long seed) throws IOException {
        for (int i = 1; i <= count; i++) {
            OnnxFiles.write(ExporterFixtures.tf2onnxChannelsLast(seed + i).model(), dir.resolve(String.format("ck-%03d.onnx", i)));
        }
        return dir;
    }
}

package org.vogstream.core.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes ONNX model files. */
public final class OnnxFiles {
    private OnnxFiles() {}

    /**
     * Reads a model, failing with a message naming the file when it is missing, unreadable or not
     * an ONNX model.
     */
    public static ModelProto read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InvalidModelException(path + ": no such file");
        }
        ModelProto model;
        try (InputStream in = Files.newInputStream(path)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setRecursionLimit(1000);
            coded.setSizeLimit(Integer.MAX_VALUE);
            model = ModelProto.parseFrom(coded);
        } catch (IOException e) {
            throw new InvalidModelException(path + ": not a readable ONNX model (" + e.getMessage() + ")", e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new InvalidModelException(path + ": not an ONNX model (no graph nodes)");
        }
        if (model.getGraph().getInitializerList().stream()
                .anyMatch(t -> t.getDataLocation() == ai.onnx.proto.OnnxMl.TensorProto.DataLocation.EXTERNAL)) {
            throw new InvalidModelException(path + ": weights are stored as external data; save the model with its"
                    + " weights inside the file");
        }
        return model;
    }

    public static void write(ModelProto model, Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(path)) {
            model.writeTo(out);
        }
    }
}

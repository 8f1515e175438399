package org.vogstream.core.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes ONNX model files. */
public final class OnnxFiles {
    private OnnxFiles() {}

    /**
     * Reads a model, its weights stored as external data beside it included, failing with a message
     * naming the file when it is missing, unreadable or not an ONNX model.
     */
    public static ModelProto read(Path path) {
        return load(path).model();
    }

    /**
     * A model read from its files.
     *
     * @param model the model, every weight inside it
     * @param files the model's file, then the files beside it that held weights as external data
     */
    public record Loaded(ModelProto model, List<Path> files) {}

    /** {@link #read}, with the files the model was read from. */
    public static Loaded load(Path path) {
        ModelProto model = parse(path);
        List<Path> data = ExternalData.files(model, path);
        if (data.isEmpty()) {
            return new Loaded(model, List.of(path));
        }
        List<Path> files = new ArrayList<>(List.of(path));
        files.addAll(data);
        return new Loaded(ExternalData.load(model, path), List.copyOf(files));
    }

    private static ModelProto parse(Path path) {
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

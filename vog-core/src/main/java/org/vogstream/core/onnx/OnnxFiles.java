package org.vogstream.core.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads and writes ONNX model files. */
public final class OnnxFiles {
    private OnnxFiles() {}

    /**
     * Reads a model, its weights stored as external data beside it included, failing with a message
     * naming the file when it is missing, unreadable or not an ONNX model.
     */
    public static ModelProto read(Path path) {
        ModelProto model = parse(path);
        if (model.getGraph().getInitializerList().stream().anyMatch(ExternalData::isExternal)) {
            model = ExternalData.load(model, path);
        }
        return model;
    }

    /** The files beside a model that hold its weights as external data (none for most models). */
    public static List<Path> externalDataFiles(Path path) {
        return ExternalData.files(parse(path), path);
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

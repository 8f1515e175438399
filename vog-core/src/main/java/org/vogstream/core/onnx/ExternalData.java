package org.vogstream.core.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Weights stored as ONNX external data, read back into the model: each such initializer names a
 * file beside the model ({@code location}, relative), an {@code offset} and a {@code length}, as
 * PyTorch's exporter writes them for large models (and its dynamo exporter beyond a size). A
 * location outside the model's folder is refused, as ONNX Runtime refuses it.
 */
final class ExternalData {
    private ExternalData() {}

    /** The distinct files beside {@code file} that its initializers' external data names, in order of first use. */
    static List<Path> files(ModelProto model, Path file) {
        Path folder = file.toAbsolutePath().getParent();
        Set<Path> files = new LinkedHashSet<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            if (isExternal(t)) {
                t.getExternalDataList().stream().filter(e -> e.getKey().equals("location"))
                        .forEach(e -> files.add(folder.resolve(e.getValue()).normalize()));
            }
        }
        return List.copyOf(files);
    }

    static boolean isExternal(TensorProto t) {
        return t.getDataLocation() == TensorProto.DataLocation.EXTERNAL;
    }

    /** The model with every external initializer's bytes inside it. */
    static ModelProto load(ModelProto model, Path file) {
        Path folder = file.toAbsolutePath().getParent();
        GraphProto.Builder graph = model.getGraph().toBuilder();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            TensorProto t = graph.getInitializer(i);
            if (isExternal(t)) {
                graph.setInitializer(i, inline(t, file, folder));
            }
        }
        return model.toBuilder().setGraph(graph).build();
    }

    private static TensorProto inline(TensorProto t, Path file, Path folder) {
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto e : t.getExternalDataList()) {
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offset = number(e.getValue(), "offset", t, file);
                case "length" -> length = number(e.getValue(), "length", t, file);
                default -> { } // checksum and others: not needed to read the bytes
            }
        }
        String name = file + ": tensor '" + t.getName() + "'";
        if (location == null || location.isEmpty()) {
            throw new InvalidModelException(name + " is stored as external data but names no location");
        }
        Path data = folder.resolve(location).normalize();
        if (Path.of(location).isAbsolute() || !data.startsWith(folder)) {
            throw new InvalidModelException(name + ": its external data '" + location + "' is not beside the model");
        }
        if (!Files.isRegularFile(data)) {
            throw new InvalidModelException(name + ": its external data file " + data + " does not exist (copy it beside"
                    + " the model)");
        }
        try (FileChannel channel = FileChannel.open(data, StandardOpenOption.READ)) {
            long size = channel.size();
            long n = length < 0 ? size - offset : length;
            if (offset < 0 || n < 0 || offset + n > size || n > Integer.MAX_VALUE) {
                throw new InvalidModelException(name + ": asks for bytes " + offset + " to " + (offset + n) + " of " + data
                        + ", which has " + size);
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) n);
            while (bytes.hasRemaining() && channel.read(bytes, offset + bytes.position()) >= 0) {
                // read until full; a short read only means the rest comes next
            }
            bytes.flip();
            return t.toBuilder().clearExternalData().setDataLocation(TensorProto.DataLocation.DEFAULT)
                    .setRawData(ByteString.copyFrom(bytes)).build();
        } catch (IOException e) {
            throw new InvalidModelException(name + ": cannot read its external data " + data + " (" + e.getMessage() + ")",
                    e);
        }
    }

    private static long number(String value, String key, TensorProto t, Path file) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidModelException(file + ": tensor '" + t.getName() + "' has external data " + key + " '" + value
                    + "', not a number");
        }
    }
}

package org.vogstream.core.compile;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.onnx.OnnxFiles;

/**
 * One forward ONNX classifier of a training run.
 *
 * @param source its file (or another name for error messages)
 * @param model the model
 * @param files what it was read from: its file, then any files of external weights (none if built in memory)
 */
public record Checkpoint(String source, ModelProto model, List<Path> files) {
    public Checkpoint(String source, ModelProto model) {
        this(source, model, List.of());
    }

    public static Checkpoint read(Path file) {
        OnnxFiles.Loaded loaded = OnnxFiles.load(file);
        return new Checkpoint(file.toString(), loaded.model(), loaded.files());
    }

    /** The last {@code k} {@code *.onnx} files of a directory in natural order, oldest first. */
    public static List<Path> lastInDirectory(Path dir, int k) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidModelException(dir + ": not a directory of checkpoints");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".onnx"))
                    .sorted((a, b) -> NaturalOrder.INSTANCE.compare(a.getFileName().toString(),
                            b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new InvalidModelException(dir + ": cannot list checkpoints (" + e.getMessage() + ")", e);
        }
        if (files.size() < k) {
            throw new InvalidModelException(dir + ": holds " + files.size() + " .onnx checkpoint(s), "
                    + k + " needed");
        }
        return files.subList(files.size() - k, files.size());
    }
}

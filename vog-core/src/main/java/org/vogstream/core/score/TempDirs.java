package org.vogstream.core.score;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The scratch folders ONNX Runtime's file-based calls need (model loading, profiles). */
final class TempDirs {
    private TempDirs() {}

    /** Deletes the folder and what it holds; a leftover temporary file is harmless, so failures are ignored. */
    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // nothing to do: see above
        }
    }
}

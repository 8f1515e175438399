package org.vogstream.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on where a command will write, made before its work so a typo costs seconds, not the whole run. */
final class OutputFiles {
    private OutputFiles() {}

    /** Fails naming {@code flag} when the folder that would hold {@code file} does not exist. */
    static void requireFolder(Path file, String flag) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new IOException(file + ": no such folder " + folder + " (" + flag + ")");
        }
    }
}

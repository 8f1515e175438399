package org.vogstream.app.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** How a benchmark starts a vog command in a process of its own: this java, and a jar or this classpath. */
public final class Launcher {
    private static final String MAIN = "org.vogstream.app.cli.VogCommand";

    private Launcher() {}

    /** The java that runs this process. */
    static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** These very commands: the jar this class came from, or (run from a build's classes) this classpath. */
    public static List<String> self() {
        Path here;
        try {
            here = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where this program runs from", e);
        }
        return Files.isRegularFile(here) ? jar(here) : List.of(java(), "-cp", System.getProperty("java.class.path"), MAIN);
    }

    /** A jar's main command. */
    public static List<String> jar(Path jar) {
        return List.of(java(), "-jar", jar.toString());
    }
}

package org.vogstream.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command run to its end as a user runs it ({@code java -jar JAR args}), its standard output and
 * error written to files and read whole once it has exited: every line, native ones included.
 *
 * @param code the exit code
 * @param out standard output's lines
 * @param err standard error's lines
 */
public record JarRun(int code, List<String> out, List<String> err) {
    public static JarRun of(Path jar, Duration timeout, String... args) throws Exception {
        Path out = Files.createTempFile("vog-run", ".out");
        Path err = Files.createTempFile("vog-run", ".err");
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-jar", jar.toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                p.destroyForcibly().waitFor();
            }
            assertTrue(ended, jar.getFileName() + " " + String.join(" ", args) + " still running after "
                    + timeout.toSeconds() + " s");
            return new JarRun(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                    Files.readAllLines(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

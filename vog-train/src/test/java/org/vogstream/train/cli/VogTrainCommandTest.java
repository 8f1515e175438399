package org.vogstream.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.core.onnx.OnnxFiles;
import org.vogstream.core.score.ModelSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** vog-train fails as vog does: one line {@code error: ...} and exit code 2, or 1 and a hint when unexpected. */
class VogTrainCommandTest {
    private static final Path BUNDLED = Path.of("..", "models", "mnist-lenet");

    @TempDir
    Path dir;

    private record Run(int code, List<String> err) {}

    private static Run run(CommandLine cli, String... args) {
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), err.toString().lines().toList());
    }

    private static Run run(String... args) {
        return run(VogTrainCommand.commandLine(false), args);
    }

    @Test
    void shouldSayThatAModelDirectoryDoesNotExist() {
        Path missing = dir.resolve("missing");
        assertEquals(new Run(2, List.of("error: " + missing + ": no such file")),
                run("bench", "--model-dir", missing.toString()));
    }

    @Test
    void shouldSayHowManyCheckpointsADirectoryLacks() throws Exception {
        Path two = Files.createDirectories(dir.resolve("two"));
        Files.copy(BUNDLED.resolve("ck-005.onnx"), two.resolve("ck-005.onnx"));
        Files.copy(BUNDLED.resolve("ck-010.onnx"), two.resolve("ck-010.onnx"));
        assertEquals(new Run(2, List.of("error: " + two + ": holds 2 .onnx checkpoint(s), 3 needed")),
                run("bench", "--model-dir", two.toString()));
    }

    @Test
    void shouldRefuseToBenchAutogradOnACompiledGraph() throws Exception {
        // it used to reach AutogradVog with no checkpoint and throw IndexOutOfBoundsException
        Path graph = dir.resolve("vog.onnx");
        OnnxFiles.write(ModelSet.fromDirectory(BUNDLED).compiled(), graph);
        assertEquals(new Run(2, List.of("error: " + graph + " is a compiled graph: the autograd baseline needs the"
                + " checkpoint directory (--model-dir)")), run("bench", "--model-dir", graph.toString(), "--batch", "1"));
    }

    @Test
    void shouldRefuseBadFlagValuesInOneLine() {
        assertEquals(new Run(2, List.of("error: --epochs must be at least 1, got 0")),
                run("train", "--model", "lenet", "--epochs", "0", "--out", dir.toString()));
        assertEquals(new Run(2, List.of("error: --batch-size must be at least 1, got -3")),
                run("train", "--model", "lenet", "--batch-size", "-3", "--out", dir.toString()));
        assertEquals(new Run(2, List.of("error: Invalid value for option '--epochs': 'ten' is not an int"
                + " (see 'vog-train train --help')")), run("train", "--model", "lenet", "--epochs", "ten", "--out", "x"));
        assertEquals(new Run(2, List.of("error: Unmatched argument at index 0: 'trian'; did you mean train? (see"
                + " 'vog-train --help')")), run("trian"));
    }

    @Command(name = "broken")
    static final class Broken implements Callable<Integer> {
        @Override
        public Integer call() {
            return List.<Integer>of().get(0);
        }
    }

    @Test
    void shouldReportAnUnexpectedFailureInOneLineWithAHintAndExitCodeOne() {
        Run r = run(VogTrainCommand.commandLine(false).addSubcommand(new Broken()), "broken");
        assertEquals(1, r.code());
        assertEquals(2, r.err().size(), r.err().toString());
        assertTrue(r.err().get(0).matches("error: unexpected java\\.lang\\.(Array)?IndexOutOfBoundsException: .* \\(at"
                + " org\\.vogstream\\.train\\.cli\\.VogTrainCommandTest\\$Broken\\.call\\(VogTrainCommandTest\\.java:\\d+\\)\\)"),
                r.err().get(0));
        assertEquals("hint: this is not an input error (a bug?); set VOG_STACKTRACE=1 to print the stack trace",
                r.err().get(1));
    }
}

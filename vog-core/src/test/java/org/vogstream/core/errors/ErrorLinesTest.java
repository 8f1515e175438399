package org.vogstream.core.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one line a failed command prints, and its exit code. */
class ErrorLinesTest {
    @TempDir
    Path dir;

    private record Printed(int code, List<String> lines) {}

    private static Printed report(Throwable e, boolean stackTrace) {
        StringWriter err = new StringWriter();
        int code = ErrorLines.report(e, new PrintWriter(err), t -> t instanceof IOException, stackTrace);
        return new Printed(code, err.toString().lines().toList());
    }

    @Test
    void shouldSayWhyAFileCouldNotBeRead() {
        Path missing = dir.resolve("digits.npy");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Files.readAllBytes(missing));
        // Java's own message is the path alone
        assertEquals(missing.toString(), e.getMessage());
        assertEquals(new Printed(2, List.of("error: " + missing + ": no such file")), report(e, false));
        assertEquals(new Printed(2, List.of("error: " + missing + ": no such file")),
                report(new UncheckedIOException(e), false));
    }

    @Test
    void shouldPutAMultiLineMessageOnOneLine() {
        IOException e = new IOException("stats.json: not JSON (Unexpected character)\n at [Source: stats.json; line: 1]");
        assertEquals(List.of("error: stats.json: not JSON (Unexpected character) at [Source: stats.json; line: 1]"),
                report(e, false).lines());
    }

    @Test
    void shouldNameTheTypeAndOurFrameOfAnUnexpectedFailureWithAHint() {
        RuntimeException e = assertThrows(IndexOutOfBoundsException.class, () -> List.of().get(0));
        Printed p = report(e, false);
        assertEquals(1, p.code());
        assertEquals(2, p.lines().size(), p.lines().toString());
        assertTrue(p.lines().get(0).matches("error: unexpected java\\.lang\\.(Array)?IndexOutOfBoundsException: .*"
                + " \\(at org\\.vogstream\\.core\\.errors\\.ErrorLinesTest\\.lambda\\$.*\\(ErrorLinesTest\\.java:\\d+\\)\\)"),
                p.lines().get(0));
        assertEquals("hint: this is not an input error (a bug?); set VOG_STACKTRACE=1 to print the stack trace",
                p.lines().get(1));
    }

    @Test
    void shouldPrintTheStackTraceOnlyWhenAsked() {
        Printed p = report(new IllegalStateException("broken"), true);
        assertEquals(1, p.code());
        assertTrue(p.lines().get(0).startsWith("error: unexpected java.lang.IllegalStateException: broken (at "), p.lines().get(0));
        assertEquals("java.lang.IllegalStateException: broken", p.lines().get(1));
        assertTrue(p.lines().get(2).trim().startsWith("at org.vogstream.core.errors.ErrorLinesTest."), p.lines().get(2));
    }

    @Test
    void shouldPointAUsageMistakeAtTheHelpWithSuggestions() {
        StringWriter err = new StringWriter();
        assertEquals(2, ErrorLines.usage("Unmatched argument at index 0: 'scroe'", List.of("score", "produce"), "vog",
                new PrintWriter(err)));
        assertEquals("error: Unmatched argument at index 0: 'scroe'; did you mean score or produce? (see 'vog --help')\n",
                err.toString().replace(System.lineSeparator(), "\n"));
    }
}

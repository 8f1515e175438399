package org.vogstream.core.errors;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a command prints when it fails: one line {@code error: ...} naming what is wrong, never a
 * stack trace. Expected failures (a bad file, flag or model) exit {@value #INVALID_INPUT}; anything
 * else exits {@value #UNEXPECTED} with the exception's type and where it was thrown, plus a hint
 * line, and the stack trace only when {@value #STACK_TRACE_VARIABLE} is set.
 */
public final class ErrorLines {
    /** Exit code for unusable input: a model, a file, a flag value, an unreachable service. */
    public static final int INVALID_INPUT = 2;
    /** Exit code for a failure nobody foresaw (a bug, most likely). */
    public static final int UNEXPECTED = 1;
    /** Environment variable that adds the stack trace of an unexpected failure. */
    public static final String STACK_TRACE_VARIABLE = "VOG_STACKTRACE";

    // Java's file exceptions carry only the path as their message; the reason is their type
    private static final Map<Class<? extends FileSystemException>, String> FILE_REASONS = Map.of(
            NoSuchFileException.class, "no such file",
            AccessDeniedException.class, "permission denied",
            NotDirectoryException.class, "not a folder");

    private ErrorLines() {}

    /**
     * Prints {@code e} as the command's last words.
     *
     * @param expected which failures are the user's input rather than a bug
     * @param stackTrace whether an unexpected failure also prints its stack trace
     * @return the exit code
     */
    public static int report(Throwable e, PrintWriter err, Predicate<Throwable> expected, boolean stackTrace) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        int code;
        if (expected.test(cause)) {
            err.println("error: " + describe(cause));
            code = INVALID_INPUT;
        } else {
            err.println("error: " + unexpected(cause));
            if (stackTrace) {
                cause.printStackTrace(err);
            } else {
                err.println("hint: this is not an input error (a bug?); set " + STACK_TRACE_VARIABLE
                        + "=1 to print the stack trace");
            }
            code = UNEXPECTED;
        }
        err.flush();
        return code;
    }

    /**
     * Prints a command-line mistake (an unknown flag, a value of the wrong type) as one line that
     * points at the command's help, instead of the whole usage text.
     *
     * @param suggestions commands or flags close to a mistyped one (may be empty)
     * @return the exit code
     */
    public static int usage(String message, List<String> suggestions, String command, PrintWriter err) {
        String didYouMean = suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?";
        err.println("error: " + oneLine(message) + didYouMean + " (see '" + command + " --help')");
        err.flush();
        return INVALID_INPUT;
    }

    /** Whether {@value #STACK_TRACE_VARIABLE} asks for stack traces. */
    public static boolean stackTraceRequested() {
        String v = System.getenv(STACK_TRACE_VARIABLE);
        return v != null && !v.isBlank() && !v.equals("0");
    }

    /** The innermost cause of a failure (the failure itself when it has none). */
    public static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** The failure's message with its reason, on one line. */
    public static String describe(Throwable e) {
        if (e instanceof FileSystemException f && f.getReason() == null && f.getOtherFile() == null) {
            String reason = FILE_REASONS.getOrDefault(f.getClass(), f.getClass().getSimpleName());
            return f.getFile() + ": " + reason;
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : oneLine(m);
    }

    /**
     * Type, message and where it was thrown: enough to report it without the trace. The place is
     * the first frame of our own code, since a JDK or library frame alone does not say which call failed.
     */
    static String unexpected(Throwable e) {
        String m = e.getMessage() == null ? "" : ": " + oneLine(e.getMessage());
        StackTraceElement[] trace = e.getStackTrace();
        String at = Arrays.stream(trace).filter(f -> f.getClassName().startsWith("org.vogstream.")).findFirst()
                .or(() -> Arrays.stream(trace).findFirst()).map(f -> " (at " + f + ")").orElse("");
        return "unexpected " + e.getClass().getName() + m + at;
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}

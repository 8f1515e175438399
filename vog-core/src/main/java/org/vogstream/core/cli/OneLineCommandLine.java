package org.vogstream.core.cli;

import java.util.List;
import java.util.function.Predicate;
import org.vogstream.core.errors.ErrorLines;
import picocli.CommandLine;
import picocli.CommandLine.UnmatchedArgumentException;

/** A picocli command line whose every failure prints one clear line ({@link ErrorLines}) instead of a stack trace. */
public final class OneLineCommandLine {
    private OneLineCommandLine() {}

    /**
     * @param command the top command, its subcommands declared on it
     * @param expected which failures are the user's input (exit {@value ErrorLines#INVALID_INPUT}) rather than a bug
     * @param stackTraces whether an unexpected failure also prints its stack trace
     */
    public static CommandLine of(Object command, Predicate<Throwable> expected, boolean stackTraces) {
        CommandLine cli = new CommandLine(command);
        cli.setExecutionExceptionHandler((e, line, parsed) -> ErrorLines.report(e, line.getErr(), expected, stackTraces));
        cli.setParameterExceptionHandler((e, args) -> ErrorLines.usage(e.getMessage(),
                e instanceof UnmatchedArgumentException u ? u.getSuggestions() : List.of(),
                e.getCommandLine().getCommandSpec().qualifiedName(), e.getCommandLine().getErr()));
        return cli;
    }

    /** {@link #of(Object, Predicate, boolean)}, with stack traces when {@value ErrorLines#STACK_TRACE_VARIABLE} is set. */
    public static CommandLine of(Object command, Predicate<Throwable> expected) {
        return of(command, expected, ErrorLines.stackTraceRequested());
    }
}

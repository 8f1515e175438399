package org.vogstream.app.cli;

import java.io.IOException;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.vogstream.app.errors.StreamsFailedException;
import org.vogstream.app.kafka.BrokerUnavailableException;
import org.vogstream.core.errors.ErrorLines;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.score.ScoringException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code vog}: the VoG Stream command line. */
@Command(name = "vog", mixinStandardHelpOptions = true, version = "vog 0.1.0",
        description = "Streaming out-of-distribution detection with Variance of Gradients.",
        subcommands = {DemoCommand.class, RunCommand.class, CompileCommand.class, CalibrateCommand.class,
            ScoreCommand.class, RankCommand.class, BenchCommand.class, BenchStreamCommand.class, ProduceCommand.class, TailCommand.class,
            PublishStatsCommand.class,
            CommandLine.HelpCommand.class})
public final class VogCommand implements Runnable {
    /** Exit code for unusable input (a model, a file, a flag value, an unreachable broker). */
    public static final int INVALID_INPUT = ErrorLines.INVALID_INPUT;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line whose every failure prints one clear line ({@link ErrorLines}) instead of a stack trace. */
    public static CommandLine commandLine() {
        return commandLine(ErrorLines.stackTraceRequested());
    }

    static CommandLine commandLine(boolean stackTraces) {
        CommandLine cli = new CommandLine(new VogCommand());
        cli.setExecutionExceptionHandler((e, line, parsed) -> ErrorLines.report(e, line.getErr(), VogCommand::expected,
                stackTraces));
        cli.setParameterExceptionHandler((e, args) -> ErrorLines.usage(e.getMessage(),
                e instanceof UnmatchedArgumentException u ? u.getSuggestions() : List.of(),
                e.getCommandLine().getCommandSpec().qualifiedName(), e.getCommandLine().getErr()));
        return cli;
    }

    /** Failures of what the user gave: a model, a file, a setting, a broker address. */
    private static boolean expected(Throwable e) {
        return e instanceof InvalidModelException || e instanceof IOException || e instanceof IllegalArgumentException
                || e instanceof ScoringException || e instanceof BrokerUnavailableException
                || e instanceof StreamsFailedException || e instanceof ConfigException;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

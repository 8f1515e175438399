package org.vogstream.train.cli;

import java.util.List;
import org.vogstream.core.errors.ErrorLines;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.score.ScoringException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code vog-train}: checkpoint sets, the paper's experiments and the autograd baseline. */
@Command(name = "vog-train", mixinStandardHelpOptions = true, version = "vog-train 0.1.0",
        description = "Train classifiers with DJL (PyTorch engine), saving every epoch as an ONNX checkpoint.",
        subcommands = {TrainCommand.class, DigitsCommand.class, ToyCommand.class, ReproduceCommand.class,
            AutogradBenchCommand.class,
            CommandLine.HelpCommand.class})
public final class VogTrainCommand implements Runnable {
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
        CommandLine cli = new CommandLine(new VogTrainCommand());
        cli.setExecutionExceptionHandler((e, line, parsed) -> ErrorLines.report(e, line.getErr(),
                VogTrainCommand::expected, stackTraces));
        cli.setParameterExceptionHandler((e, args) -> ErrorLines.usage(e.getMessage(),
                e instanceof UnmatchedArgumentException u ? u.getSuggestions() : List.of(),
                e.getCommandLine().getCommandSpec().qualifiedName(), e.getCommandLine().getErr()));
        return cli;
    }

    /** Failures of what the user gave (a file, a flag, a model) or of the data it needs (a dataset not fetched). */
    private static boolean expected(Throwable e) {
        return e instanceof java.io.IOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof InvalidModelException || e instanceof ScoringException;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

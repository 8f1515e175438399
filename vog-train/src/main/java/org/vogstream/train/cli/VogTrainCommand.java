package org.vogstream.train.cli;

import org.vogstream.core.cli.OneLineCommandLine;
import org.vogstream.core.cli.TopCommand;
import org.vogstream.core.errors.UnusableInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vog-train}: checkpoint sets, the paper's experiments and the autograd baseline. */
@Command(name = "vog-train", mixinStandardHelpOptions = true, version = "vog-train 0.1.0",
        description = "Train classifiers with DJL (PyTorch engine), saving every epoch as an ONNX checkpoint.",
        subcommands = {TrainCommand.class, DigitsCommand.class, ToyCommand.class, ReproduceCommand.class,
            AutogradBenchCommand.class,
            CommandLine.HelpCommand.class})
public final class VogTrainCommand extends TopCommand {
    public static CommandLine commandLine() {
        return OneLineCommandLine.of(new VogTrainCommand(), VogTrainCommand::expected);
    }

    static CommandLine commandLine(boolean stackTraces) {
        return OneLineCommandLine.of(new VogTrainCommand(), VogTrainCommand::expected, stackTraces);
    }

    /** Failures of what the user gave (a file, a flag, a model) or of the data it needs (a dataset not fetched). */
    private static boolean expected(Throwable e) {
        return e instanceof java.io.IOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof UnusableInputException;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

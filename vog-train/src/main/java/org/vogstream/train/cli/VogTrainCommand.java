package org.vogstream.train.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VogTrainCommand());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof java.io.IOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                PrintWriter err = line.getErr();
                err.println("error: " + e.getMessage());
                err.flush();
                return 2;
            }
            throw e;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

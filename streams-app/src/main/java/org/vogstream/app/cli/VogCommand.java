package org.vogstream.app.cli;

import java.io.PrintWriter;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.score.ScoringException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vog}: the VoG Stream command line. */
@Command(name = "vog", mixinStandardHelpOptions = true, version = "vog 0.1.0",
        description = "Streaming out-of-distribution detection with Variance of Gradients.",
        subcommands = {DemoCommand.class, RunCommand.class, CompileCommand.class, CalibrateCommand.class,
            ScoreCommand.class, RankCommand.class, BenchCommand.class, ProduceCommand.class, TailCommand.class,
            PublishStatsCommand.class,
            CommandLine.HelpCommand.class})
public final class VogCommand implements Runnable {
    /** Exit code for unusable input (a model, a file, a flag value). */
    public static final int INVALID_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line whose model errors print one clear line instead of a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VogCommand());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof InvalidModelException || e instanceof java.io.IOException
                    || e instanceof IllegalArgumentException || e instanceof ScoringException) {
                PrintWriter err = line.getErr();
                err.println("error: " + e.getMessage());
                err.flush();
                return INVALID_INPUT;
            }
            throw e;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

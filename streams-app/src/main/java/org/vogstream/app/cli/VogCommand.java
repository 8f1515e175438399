package org.vogstream.app.cli;

import org.vogstream.app.errors.ExpectedFailures;
import org.vogstream.app.run.PublishStatsCommand;
import org.vogstream.app.run.RunCommand;
import org.vogstream.core.cli.OneLineCommandLine;
import org.vogstream.core.cli.TopCommand;
import org.vogstream.core.errors.ErrorLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vog}: the VoG Stream command line. */
@Command(name = "vog", mixinStandardHelpOptions = true, version = "vog 0.1.0",
        description = "Streaming out-of-distribution detection with Variance of Gradients.",
        subcommands = {DemoCommand.class, RunCommand.class, CompileCommand.class, CalibrateCommand.class,
            ScoreCommand.class, RankCommand.class, BenchCommand.class, BenchStreamCommand.class, BenchDrainCommand.class, ProduceCommand.class, TailCommand.class,
            PublishStatsCommand.class,
            CommandLine.HelpCommand.class})
public final class VogCommand extends TopCommand {
    /** Exit code for unusable input (a model, a file, a flag value, an unreachable broker). */
    public static final int INVALID_INPUT = ErrorLines.INVALID_INPUT;

    /** A command line whose every failure prints one clear line ({@link ErrorLines}) instead of a stack trace. */
    public static CommandLine commandLine() {
        return OneLineCommandLine.of(new VogCommand(), ExpectedFailures::test);
    }

    static CommandLine commandLine(boolean stackTraces) {
        return OneLineCommandLine.of(new VogCommand(), ExpectedFailures::test, stackTraces);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

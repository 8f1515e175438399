package org.vogstream.app.run;

import org.vogstream.app.errors.ExpectedFailures;
import org.vogstream.core.cli.OneLineCommandLine;
import org.vogstream.core.cli.TopCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code vog} as the runtime artifact ({@code vog-runtime/target/vog-runtime.jar}, the Docker image)
 * carries it: what a deployment runs, the detector and the publishing of its statistics. The full
 * command line, tools included, is {@code streams-app/target/vog.jar}.
 */
@Command(name = "vog", mixinStandardHelpOptions = true, version = "vog 0.1.0",
        description = "The VoG Stream detector: run it, and publish the class statistics it decides by.",
        subcommands = {RunCommand.class, PublishStatsCommand.class, CommandLine.HelpCommand.class})
public final class VogRuntimeCommand extends TopCommand {
    public static void main(String[] args) {
        System.exit(OneLineCommandLine.of(new VogRuntimeCommand(), ExpectedFailures::test).execute(args));
    }
}

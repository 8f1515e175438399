package org.vogstream.core.cli;

import picocli.CommandLine;

/** A command of subcommands ({@code vog}, {@code vog-train}): given none, it prints its usage. */
public abstract class TopCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

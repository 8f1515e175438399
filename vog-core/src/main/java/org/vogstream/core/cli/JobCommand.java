package org.vogstream.core.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * A command that does a job, where {@link TopCommand} chooses one. It prints to its command line's
 * writers, not to System.out: a test or a caller that sets them sees what the command prints.
 */
public abstract class JobCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** What the command reports: its results. */
    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Progress and notes beside the results. */
    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}

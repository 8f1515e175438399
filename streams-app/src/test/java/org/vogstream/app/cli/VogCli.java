package org.vogstream.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the real {@code vog} command line in-process and captures what it prints. */
final class VogCli {
    record Run(int code, String out, String err) {}

    private VogCli() {}

    static Run run(String... args) {
        CommandLine cli = VogCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}

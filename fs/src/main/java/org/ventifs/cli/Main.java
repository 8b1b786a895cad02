package org.ventifs.cli;

import picocli.CommandLine;

/** The entry point of the {@code ventifs} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code: 0 success, 1 failure, 2 bad usage. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /** The command tree with ventifs' error conventions: one sentence on stderr, exit 1. */
    static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new VentifsCommand());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = e.getMessage() != null ? e.getMessage() : e.toString();
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + message);
            if (System.getenv("VENTIFS_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return ExitCode.FAILURE;
        });
        return cl;
    }
}

package org.ventifs.cli;

import java.util.function.Supplier;
import org.ventifs.vac.posix.LibcCalls;
import org.ventifs.venti.local.StorePreload;
import picocli.CommandLine;

/** The entry point of the {@code ventifs} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && VentifsCommand.SUBCOMMANDS.containsKey(args[0])) {
            preloadMeanwhile();
        }
        System.exit(run(args));
    }

    /**
     * Binds the native libraries a command will use, and warms SHA-1, on another thread
     * while this one parses the arguments: about 0.15 s sooner at work on two cores. A
     * failure here is left for the command's own first use to report.
     */
    private static void preloadMeanwhile() {
        Thread loader = new Thread(Main::preload, "ventifs-preload");
        loader.setDaemon(true);
        loader.start();
    }

    /** What {@link #preloadMeanwhile} does, in the order commands need it: the store's libraries first. */
    static void preload() {
        try {
            StorePreload.bind();
            LibcCalls.load();
            StorePreload.warmSha1();
        } catch (RuntimeException | LinkageError e) {
            // The command meets the same failure where it can say what it was doing.
        }
    }

    /** Runs the command line and returns its exit code: 0 success, 1 failure, 2 bad usage. */
    public static int run(String... args) {
        return newCommandLine(args).execute(args);
    }

    /** The whole command tree with ventifs' error conventions: one sentence on stderr, exit 1. */
    static CommandLine newCommandLine() {
        return newCommandLine(new String[0]);
    }

    /**
     * The command tree for {@code args}: when they begin with a subcommand's name, the tree
     * holds only that subcommand, which parses and runs the same; else (help, version, a
     * mistake) every subcommand.
     */
    static CommandLine newCommandLine(String... args) {
        CommandLine cl = new CommandLine(new VentifsCommand());
        Supplier<Object> named = args.length > 0 ? VentifsCommand.SUBCOMMANDS.get(args[0]) : null;
        if (named != null) {
            cl.addSubcommand(named.get());
        } else {
            VentifsCommand.SUBCOMMANDS.values().forEach(command -> cl.addSubcommand(command.get()));
        }
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

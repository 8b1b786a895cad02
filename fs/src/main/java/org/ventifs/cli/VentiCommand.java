package org.ventifs.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ventifs venti}: commands that act on a Venti store itself. */
@Command(name = "venti", mixinStandardHelpOptions = true,
        description = "Commands that act on a Venti store itself.",
        subcommands = {VentiServeCommand.class, RebuildIndexCommand.class})
final class VentiCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand (see ventifs venti --help)");
    }
}

package org.ventifs.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ventifs}: the top of the command tree. */
@Command(name = "ventifs",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "An archival file system over a Venti block store, in the manner of Plan 9's fossil.",
        subcommands = {
            MountCommand.class,
            SnapCommand.class,
            DumpsCommand.class,
            StatusCommand.class,
            HistoryCommand.class,
            FormatCommand.class,
            CheckCommand.class,
            VacCommand.class,
            UnvacCommand.class,
            VentiCommand.class,
            BenchCommand.class,
        })
final class VentifsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand (see ventifs --help)");
    }
}

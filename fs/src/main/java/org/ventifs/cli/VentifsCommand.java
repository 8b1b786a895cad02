package org.ventifs.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ventifs}: the top of the command tree. */
@Command(name = "ventifs",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "An archival file system over a Venti block store, in the manner of Plan 9's fossil.")
final class VentifsCommand implements Runnable {
    /**
     * The subcommands, by name, in the order help lists them. Main builds only the one
     * a command line names (picocli reads a command's annotations, and loads the classes
     * it touches, when the command is added): a short command starts sooner.
     */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("mount", MountCommand::new);
        all.put("snap", SnapCommand::new);
        all.put("dumps", DumpsCommand::new);
        all.put("status", StatusCommand::new);
        all.put("history", HistoryCommand::new);
        all.put("format", FormatCommand::new);
        all.put("check", CheckCommand::new);
        all.put("vac", VacCommand::new);
        all.put("unvac", UnvacCommand::new);
        all.put("venti", VentiCommand::new);
        all.put("bench", BenchCommand::new);
        return Collections.unmodifiableMap(all);
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand (see ventifs --help)");
    }
}

package org.ventifs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ventifs.vac.posix.Progress;
import org.ventifs.venti.local.IndexRebuilder;
import org.ventifs.venti.local.StoreChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ventifs check}: verifies the embedded store of a data directory (arena
 * structure and seals, the index against the arenas both ways, and with
 * {@code --read-data} every block's score). Prints one line per problem and exits 1
 * when it finds any.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Verifies a store (arena structure and seals, index against arenas) or a data directory. "
                + "Prints one line per problem and exits 1 when there are any.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "DIR", description = "Check the embedded store in DIR.")
    Path store;

    @Option(names = "--data", paramLabel = "DIR", description = "Check a whole data directory (its store is DIR/venti).")
    Path data;

    @Option(names = "--read-data", description = "Also read every block and verify its score.")
    boolean readData;

    @Option(names = "--repair", description = "Rebuild what can be rebuilt (the index from the arenas) before checking.")
    boolean repair;

    @Override
    public Integer call() throws IOException {
        if (store != null && data != null) {
            throw new ParameterException(spec.commandLine(), "give --store or --data, not both");
        }
        Path dir = store != null ? store
                : DataDirectories.storeIn(data != null ? data : DataDirectories.defaultDataDirectory());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (repair) {
            IndexRebuilder.Result rebuilt = IndexRebuilder.rebuild(dir);
            err.println("rebuilt the index of " + dir + ": " + rebuilt.blocks() + " blocks");
        }
        StoreChecker.Report report;
        try (Progress progress = Progress.onTerminal("check", "blocks", err)) {
            report = StoreChecker.check(dir, readData, progress::file);
        }
        for (String note : report.notes()) {
            err.println("note: " + note);
        }
        for (String problem : report.problems()) {
            out.println(problem);
        }
        if (!report.problems().isEmpty()) {
            err.println("check found " + report.problems().size() + " problems in the store " + dir);
            return ExitCode.FAILURE;
        }
        out.println("store " + dir + ": " + report.arenas() + " arenas, " + report.clumps() + " blocks, "
                + report.indexEntries() + " indexed, no problems" + (readData ? " (every block read)" : ""));
        return ExitCode.OK;
    }
}

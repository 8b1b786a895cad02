package org.ventifs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ventifs.vac.VacTree;
import org.ventifs.vac.posix.Progress;
import org.ventifs.vac.posix.TreeListing;
import org.ventifs.vac.posix.TreeRestorer;
import org.ventifs.venti.BlockStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ventifs unvac}: Restores a vac tree into DEST, or lists it. */
@Command(name = "unvac", mixinStandardHelpOptions = true,
        description = "Restores a vac tree into DEST, or lists it.")
final class UnvacCommand implements Callable<Integer> {
    @Mixin
    StoreOptions storeOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--list", description = "List the tree instead of restoring it.")
    boolean list;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "4",
            description = "Files restored at once (default ${DEFAULT-VALUE}).")
    int threads;

    @Parameters(index = "0", paramLabel = "vac:SCORE|FILE.vac")
    String root;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DEST")
    Path dest;

    @Override
    public Integer call() throws IOException {
        if (!list && dest == null) {
            throw new ParameterException(spec.commandLine(), "give DEST, or --list to print the tree");
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (BlockStore store = storeOptions.openForOnePass()) {
            VacTree tree = VacTree.open(store, VacReference.parse(root));
            if (list) {
                new TreeListing(store, out).print(tree);
                out.flush();
                return ExitCode.OK;
            }
            try (Progress progress = new Progress("unvac", err)) {
                TreeRestorer restorer = new TreeRestorer(store, progress);
                restorer.restore(tree, dest, threads);
                for (String warning : restorer.warnings()) {
                    err.println("unvac: " + warning);
                }
                if (progress.seconds() >= 5) {
                    err.println(progress.line());
                }
                err.flush();
            }
        }
        return ExitCode.OK;
    }
}

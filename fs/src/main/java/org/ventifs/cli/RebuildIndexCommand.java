package org.ventifs.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ventifs.venti.local.IndexRebuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ventifs venti rebuild-index}: rebuilds the store's index from its arenas alone. */
@Command(name = "rebuild-index", mixinStandardHelpOptions = true,
        description = "Rebuilds the store's index from its arenas alone (the store must not be in use).")
final class RebuildIndexCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "DIR", required = true, description = "The embedded store.")
    Path store;

    @Override
    public Integer call() throws IOException {
        IndexRebuilder.Result r = IndexRebuilder.rebuild(store);
        spec.commandLine().getOut().println("rebuilt the index of " + store + ": " + r.blocks() + " blocks from "
                + r.arenas() + " arenas" + (r.droppedTailBytes() > 0
                        ? "; dropped a torn tail of " + r.droppedTailBytes() + " bytes" : ""));
        if (r.damagedStretches() > 0) {
            spec.commandLine().getErr().println("rebuild-index: " + r.damagedStretches() + " damaged stretches of the "
                    + "arenas hold blocks that could not be indexed; run ventifs check --store " + store);
            return ExitCode.FAILURE;
        }
        return ExitCode.OK;
    }
}

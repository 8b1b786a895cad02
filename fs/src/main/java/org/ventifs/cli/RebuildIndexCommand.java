package org.ventifs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ventifs rebuild-index}: Rebuilds the store's index from its arenas alone. */
@Command(name = "rebuild-index", mixinStandardHelpOptions = true,
        description = "Rebuilds the store's index from its arenas alone.")
final class RebuildIndexCommand implements Callable<Integer> {
    @Option(names = "--store", paramLabel = "DIR", required = true, description = "The embedded store.")
    String store;

    @Override
    public Integer call() {
        throw new NotBuiltYet("ventifs rebuild-index", 2);
    }
}

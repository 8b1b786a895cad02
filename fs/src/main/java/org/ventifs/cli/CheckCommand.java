package org.ventifs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ventifs check}: Verifies a store (arena structure and seals, index against arenas) or a data directory. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Verifies a store (arena structure and seals, index against arenas) or a data directory.")
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--store", paramLabel = "DIR", description = "Check the embedded store in DIR.")
    String store;

    @Option(names = "--data", paramLabel = "DIR", description = "Check a whole data directory.")
    String data;

    @Option(names = "--read-data", description = "Also read every block and verify its score.")
    boolean readData;

    @Option(names = "--repair", description = "Rebuild what can be rebuilt (the index from the arenas).")
    boolean repair;

    @Override
    public Integer call() {
        throw new NotBuiltYet("ventifs check", 2);
    }
}

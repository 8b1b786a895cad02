package org.ventifs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ventifs unvac}: Restores a vac tree into DEST, or lists it. */
@Command(name = "unvac", mixinStandardHelpOptions = true,
        description = "Restores a vac tree into DEST, or lists it.")
final class UnvacCommand implements Callable<Integer> {
    @Option(names = "--store", paramLabel = "DIR", description = "The embedded store to read from.")
    String store;

    @Option(names = "--venti", paramLabel = "ADDR", description = "The Venti server to read from.")
    String venti;

    @Option(names = "--list", description = "List the tree instead of restoring it.")
    boolean list;

    @Parameters(index = "0", paramLabel = "vac:SCORE|FILE.vac")
    String root;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DEST")
    String dest;

    @Override
    public Integer call() {
        throw new NotBuiltYet("ventifs unvac", 4);
    }
}

package org.ventifs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ventifs vac}: Archives a directory tree into a store and prints vac:SCORE. */
@Command(name = "vac", mixinStandardHelpOptions = true,
        description = "Archives a directory tree into a store and prints vac:SCORE.")
final class VacCommand implements Callable<Integer> {
    @Option(names = "--store", paramLabel = "DIR", description = "The embedded store to write to.")
    String store;

    @Option(names = "--venti", paramLabel = "ADDR", description = "The Venti server to write to.")
    String venti;

    @Option(names = "-o", paramLabel = "FILE.vac", description = "Also write the root score to this .vac file.")
    String output;

    @Option(names = "-d", paramLabel = "PREV.vac", description = "Reuse unchanged files from this earlier archive.")
    String previous;

    @Parameters(paramLabel = "DIR")
    String dir;

    @Override
    public Integer call() {
        throw new NotBuiltYet("ventifs vac", 4);
    }
}

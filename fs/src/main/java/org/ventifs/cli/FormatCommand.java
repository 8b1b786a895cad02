package org.ventifs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ventifs format}: Creates a data directory; --from rebuilds a whole file system from one root score. */
@Command(name = "format", mixinStandardHelpOptions = true,
        description = "Creates a data directory; --from rebuilds a whole file system from one root score.")
final class FormatCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "The data directory to create.")
    String data;

    @Option(names = "--venti", paramLabel = "ADDR", description = "Keep blocks on this Venti server.")
    String venti;

    @Option(names = "--from", paramLabel = "vac:SCORE", description = "Rebuild the file system and every dump from this root.")
    String from;

    @Override
    public Integer call() {
        throw new NotBuiltYet("ventifs format", 7);
    }
}

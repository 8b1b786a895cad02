package org.ventifs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ventifs dumps}: Lists dumps: name, local time, vac score, bytes added to Venti. */
@Command(name = "dumps", mixinStandardHelpOptions = true,
        description = "Lists dumps: name, local time, vac score, bytes added to Venti.")
final class DumpsCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "Read the catalog of this data directory instead of a mount.")
    String data;

    @Parameters(paramLabel = "MOUNTPOINT", arity = "0..1")
    String mountpoint;

    @Override
    public Integer call() {
        throw new NotBuiltYet("ventifs dumps", 7);
    }
}

package org.ventifs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ventifs status}: Shows dirty bytes, the last snapshot and its age, cache use, store size, dedup ratio and archiver progress. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows dirty bytes, the last snapshot and its age, cache use, store size, dedup ratio and archiver progress.")
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON for monitoring.")
    boolean json;

    @Parameters(paramLabel = "MOUNTPOINT")
    String mountpoint;

    @Override
    public Integer call() {
        throw new NotBuiltYet("ventifs status", 8);
    }
}

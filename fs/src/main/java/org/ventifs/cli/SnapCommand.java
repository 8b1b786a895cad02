package org.ventifs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ventifs snap}: Takes a snapshot now and prints the dump name and its vac score once it is durable. */
@Command(name = "snap", mixinStandardHelpOptions = true,
        description = "Takes a snapshot now and prints the dump name and its vac score once it is durable.")
final class SnapCommand implements Callable<Integer> {
    @Option(names = "--no-wait", description = "Return right after the freeze.")
    boolean noWait;

    @Parameters(paramLabel = "MOUNTPOINT")
    String mountpoint;

    @Override
    public Integer call() {
        throw new NotBuiltYet("ventifs snap", 7);
    }
}

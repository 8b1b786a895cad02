package org.ventifs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ventifs venti}: Measures block write, dedup and read rates against a plain file on the same disk. */
@Command(name = "venti", mixinStandardHelpOptions = true,
        description = "Measures block write, dedup and read rates against a plain file on the same disk.")
final class BenchVentiCommand implements Callable<Integer> {
    @Option(names = "--store", paramLabel = "DIR", description = "A scratch embedded store to measure.")
    String store;

    @Option(names = "--venti", paramLabel = "ADDR", description = "A Venti server to measure.")
    String venti;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        throw new NotBuiltYet("ventifs venti", 2);
    }
}

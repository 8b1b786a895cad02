package org.ventifs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ventifs serve}: Serves a store over the Venti protocol (default tcp!127.0.0.1!17034). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves a store over the Venti protocol (default tcp!127.0.0.1!17034).")
final class VentiServeCommand implements Callable<Integer> {
    @Option(names = "--listen", paramLabel = "ADDR", defaultValue = "tcp!127.0.0.1!17034", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--store", paramLabel = "DIR", description = "The embedded store to serve.")
    String store;

    @Override
    public Integer call() {
        throw new NotBuiltYet("ventifs serve", 3);
    }
}

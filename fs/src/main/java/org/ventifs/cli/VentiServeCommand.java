package org.ventifs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.wire.VentiAddress;
import org.ventifs.venti.wire.VentiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ventifs venti serve}: serves a store over the Venti protocol until SIGTERM
 * or SIGINT, which stop accepting, let in-flight requests finish, sync, and exit 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves a store over the Venti protocol (default tcp!127.0.0.1!17034) until SIGTERM.")
final class VentiServeCommand implements Callable<Integer> {
    @Option(names = "--listen", paramLabel = "ADDR", defaultValue = "tcp!127.0.0.1!17034",
            description = "Address to listen on, tcp!host!port or host:port (default ${DEFAULT-VALUE}; "
                    + "tcp!*!17034 listens on every interface).")
    String listen;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "256",
            description = "Connections served at once; more are refused (default ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Close a connection silent this long (default ${DEFAULT-VALUE}).")
    long idleSeconds;

    @Mixin
    StoreOptions storeOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        VentiAddress address;
        try {
            address = VentiAddress.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--listen: " + e.getMessage());
        }
        if (maxConnections < 1 || idleSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--max-connections and --idle-timeout must be at least 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        BlockStore store = storeOptions.open(false);
        VentiServer server;
        try {
            server = VentiServer.start(store, VentiServer.Settings.defaults(address)
                    .withMaxConnections(maxConnections)
                    .withIdleTimeout(Duration.ofSeconds(idleSeconds))
                    .withLog(line -> {
                        err.println("venti serve: " + line);
                        err.flush();
                    }));
        } catch (IOException e) {
            store.close();
            throw e;
        }
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, store, err), "venti-serve-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("venti serve: serving " + storeOptions.describe(false) + " on " + server.address());
        out.flush();
        forever.await();
        return ExitCode.OK;
    }

    /** The shutdown hook: drain, sync, close, and exit 0 (a JVM ended by a signal would say 143). */
    private static void stop(VentiServer server, BlockStore store, PrintWriter err) {
        int code = ExitCode.OK;
        try {
            server.close();
            store.close();
            err.println("venti serve: stopped; every write received is synced");
        } catch (IOException | RuntimeException e) {
            err.println("venti serve: failed to sync the store while stopping: " + e.getMessage());
            code = ExitCode.FAILURE;
        }
        err.flush();
        Runtime.getRuntime().halt(code);
    }
}

package org.ventifs.venti.wire;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.local.LocalVenti;
import org.ventifs.venti.local.LocalVentiConfig;

/** A VentiServer on a loopback port over a LocalVenti in a temporary folder, with its log kept for checks. */
final class RunningServer implements AutoCloseable {
    final BlockStore store;
    final VentiServer server;
    final List<String> log = new CopyOnWriteArrayList<>();

    private RunningServer(BlockStore store, UnaryOperator<VentiServer.Settings> tweak) throws IOException {
        this.store = store;
        VentiServer.Settings settings = VentiServer.Settings.defaults(new VentiAddress("127.0.0.1", 0))
                .withIdleTimeout(Duration.ofSeconds(3))
                .withLog(log::add);
        this.server = VentiServer.start(store, tweak.apply(settings));
    }

    static RunningServer start(Path dir) throws IOException {
        return start(dir, s -> s);
    }

    static RunningServer start(Path dir, UnaryOperator<VentiServer.Settings> tweak) throws IOException {
        return start(dir, LocalVentiConfig.DEFAULT, tweak);
    }

    /** Serves a new {@link LocalVenti} in {@code dir}/store with {@code config}. */
    static RunningServer start(Path dir, LocalVentiConfig config, UnaryOperator<VentiServer.Settings> tweak)
            throws IOException {
        LocalVenti store = LocalVenti.open(dir.resolve("store"), config);
        try {
            return new RunningServer(store, tweak);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    VentiAddress address() {
        return server.address();
    }

    /** Waits up to 10 seconds for a log line containing {@code words}; returns it or null. */
    String awaitLog(String words) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            for (String line : log) {
                if (line.contains(words)) {
                    return line;
                }
            }
            Thread.sleep(10);
        }
        return null;
    }

    /** Waits up to 10 seconds for the open connections to fall to {@code n}; returns whether they did. */
    boolean awaitOpenConnections(int n) throws InterruptedException {
        for (int i = 0; i < 1000 && server.openConnections() != n; i++) {
            Thread.sleep(10);
        }
        return server.openConnections() == n;
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            store.close();
        }
    }
}

package org.ventifs.venti.wire;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.ventifs.venti.BlockStore;

/**
 * Serves a {@link BlockStore} over the Venti protocol (versions 02 and 04) to many
 * clients at once: one thread per connection reads, answers and replies, at most
 * {@link Settings#maxConnections} of them (a connection beyond is closed at once,
 * with a log line), each closed after {@link Settings#idleTimeout} of silence.
 * {@link #close} stops accepting, lets every connection finish the requests it has
 * received, and syncs the store; it does not close the store.
 */
public final class VentiServer implements Closeable {
    /**
     * How a server listens and protects itself.
     *
     * @param listen where to listen (port 0 picks a free port)
     * @param maxConnections open connections beyond which new ones are refused
     * @param idleTimeout silence after which a connection is closed, also the time
     *        allowed for the handshake and for each message to arrive whole
     * @param drainTimeout how long {@link #close} waits for connections to finish
     * @param log where connection problems are reported, one line each
     */
    public record Settings(VentiAddress listen, int maxConnections, Duration idleTimeout, Duration drainTimeout,
            Consumer<String> log) {
        /** The defaults: 256 connections, 5 minutes idle, 30 seconds to drain, log to System.Logger. */
        public static Settings defaults(VentiAddress listen) {
            System.Logger logger = System.getLogger(VentiServer.class.getName());
            return new Settings(listen, 256, Duration.ofMinutes(5), Duration.ofSeconds(30),
                    line -> logger.log(System.Logger.Level.INFO, line));
        }

        public Settings withMaxConnections(int n) {
            return new Settings(listen, n, idleTimeout, drainTimeout, log);
        }

        public Settings withIdleTimeout(Duration d) {
            return new Settings(listen, maxConnections, d, drainTimeout, log);
        }

        public Settings withLog(Consumer<String> sink) {
            return new Settings(listen, maxConnections, idleTimeout, drainTimeout, sink);
        }
    }

    private final Settings settings;
    private final BlockStore store;
    private final ServerSocket listener;
    private final RequestHandler handler;
    private final Map<ServerConnection, Thread> connections = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final Thread acceptor;
    private final Thread watchdog;
    private volatile boolean draining;

    private VentiServer(BlockStore store, Settings settings, ServerSocket listener) {
        this.store = store;
        this.settings = settings;
        this.listener = listener;
        this.handler = new RequestHandler(store, settings.log());
        this.acceptor = new Thread(this::acceptLoop, "venti-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        this.watchdog = new Thread(this::watchLoop, "venti-watchdog-" + listener.getLocalPort());
        watchdog.setDaemon(true);
    }

    /**
     * Binds {@code settings.listen()} and starts serving {@code store}.
     *
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    public static VentiServer start(BlockStore store, Settings settings) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(settings.listen().toSocketAddress(), 128);
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot listen on " + settings.listen() + ": " + e.getMessage()
                    + "; choose another address with --listen", e);
        }
        VentiServer server = new VentiServer(store, settings, listener);
        server.acceptor.start();
        server.watchdog.start();
        return server;
    }

    /** The address actually bound (with the real port when port 0 was asked for). */
    public VentiAddress address() {
        InetSocketAddress a = (InetSocketAddress) listener.getLocalSocketAddress();
        return new VentiAddress(a.getAddress().getHostAddress(), a.getPort());
    }

    /** How many connections are open now. */
    public int openConnections() {
        return connections.size();
    }

    /** How many connections were refused because {@link Settings#maxConnections} were open. */
    public long refusedConnections() {
        return refused.get();
    }

    private void acceptLoop() {
        long idleNanos = settings.idleTimeout().toNanos();
        int pollMillis = (int) Math.max(1, Math.min(200, settings.idleTimeout().toMillis()));
        while (!draining) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!draining) {
                    settings.log().accept("venti server " + address() + ": accept failed: " + e.getMessage());
                    pause(100); // out of file descriptors, say: let connections finish before trying again
                }
                continue;
            }
            if (connections.size() >= settings.maxConnections()) {
                refused.incrementAndGet();
                settings.log().accept("venti server: refused " + socket.getRemoteSocketAddress() + ", "
                        + settings.maxConnections() + " connections are already open");
                closeQuietly(socket);
                continue;
            }
            try {
                socket.setSoTimeout(pollMillis);
                socket.setTcpNoDelay(true);
            } catch (IOException e) {
                closeQuietly(socket);
                continue;
            }
            ServerConnection connection = new ServerConnection(socket, handler, idleNanos,
                    () -> draining, settings.log());
            Thread thread = new Thread(() -> {
                try {
                    connection.run();
                } finally {
                    connections.remove(connection);
                }
            }, "venti-conn " + socket.getRemoteSocketAddress());
            thread.setDaemon(true);
            connections.put(connection, thread);
            thread.start();
        }
    }

    /** Once a second, cuts connections whose peer has stopped reading replies. */
    private void watchLoop() {
        while (!draining) {
            connections.keySet().forEach(ServerConnection::cutIfStuck);
            pause(1000);
        }
    }

    /**
     * Stops accepting, lets open connections answer what they have received (closing
     * those still busy after the drain timeout), then syncs the store. Idempotent.
     *
     * @throws IOException when the final sync fails
     */
    @Override
    public synchronized void close() throws IOException {
        if (draining) {
            return;
        }
        draining = true;
        listener.close();
        joinQuietly(acceptor, 1000);
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        for (Map.Entry<ServerConnection, Thread> c : connections.entrySet()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            joinQuietly(c.getValue(), Math.max(1, left));
            if (c.getValue().isAlive()) {
                settings.log().accept("venti server: closing a connection still busy after the drain timeout");
                c.getKey().abort();
                joinQuietly(c.getValue(), 1000);
            }
        }
        store.sync();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // a refused or broken socket: nothing more to do
        }
    }
}

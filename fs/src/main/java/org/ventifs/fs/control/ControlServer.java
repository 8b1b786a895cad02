package org.ventifs.fs.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.ventifs.snapshot.DumpRecord;
import org.ventifs.snapshot.FileHistory;
import org.ventifs.snapshot.FreezeTicket;
import org.ventifs.snapshot.Snapshotter;

/**
 * The daemon's control socket (docs/control-protocol.md): a Unix-domain socket of mode
 * 0600, owned by the user running the daemon, that answers {@code snap},
 * {@code snap --no-wait} and {@code status}, one request per connection. A peer that is
 * neither that user nor root is refused (its credentials are checked too, not only the
 * file's mode). Each connection is served on its own thread, so a waiting {@code snap}
 * never blocks {@code status}.
 */
public final class ControlServer implements AutoCloseable {
    private final Path socketPath;
    private final ServerSocketChannel server;
    private final Snapshotter snapshotter;
    private final String owner;
    private final Thread acceptor;
    private volatile boolean closed;

    private ControlServer(Path socketPath, ServerSocketChannel server, Snapshotter snapshotter, String owner) {
        this.socketPath = socketPath;
        this.server = server;
        this.snapshotter = snapshotter;
        this.owner = owner;
        this.acceptor = new Thread(this::acceptLoop, "ventifs control " + socketPath);
        acceptor.setDaemon(true);
    }

    /**
     * Creates the socket at {@code socketPath} (replacing a stale one left by a crash) with
     * mode 0600 and starts answering requests with {@code snapshotter}.
     *
     * @throws IOException naming the path when the socket cannot be created, or when a
     *                     running daemon already answers on it
     */
    public static ControlServer start(Path socketPath, Snapshotter snapshotter) throws IOException {
        Path abs = socketPath.toAbsolutePath();
        if (Files.exists(abs)) {
            if (ControlClient.answers(abs)) {
                throw new IOException("another ventifs daemon answers on " + abs + "; unmount it first");
            }
            Files.delete(abs); // left by a daemon that was killed
        }
        // Bind inside a private folder and move the socket into place once it is 0600,
        // so that it is never reachable with looser permissions.
        Path staging = Files.createTempDirectory(abs.getParent(), ".control-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path bound = staging.resolve("s");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(bound));
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
            Files.move(bound, abs, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new IOException("cannot create the control socket " + abs + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(bound);
            Files.deleteIfExists(staging);
        }
        UserPrincipal me = Files.getOwner(abs);
        ControlServer s = new ControlServer(abs, server, snapshotter, me.getName());
        s.acceptor.start();
        return s;
    }

    /** The socket's path. */
    public Path path() {
        return socketPath;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel peer;
            try {
                peer = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("ventifs: the control socket " + socketPath + " failed: " + e.getMessage());
                }
                return;
            }
            Thread t = new Thread(() -> serve(peer), "ventifs control request");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(SocketChannel peer) {
        try (peer) {
            UnixDomainPrincipal who = peer.getOption(ExtendedSocketOptions.SO_PEERCRED);
            String user = who.user().getName();
            if (!user.equals(owner) && !user.equals("root")) {
                reply(peer, "error only " + owner + " and root may control this file system");
                return;
            }
            String line = readLine(peer);
            ControlRequest request = line == null ? null : ControlRequest.decode(line);
            if (request == null) {
                reply(peer, "error unknown request; send snap, snap --no-wait, status or history PATH");
                return;
            }
            reply(peer, answer(request));
        } catch (IOException | RuntimeException e) {
            System.err.println("ventifs: a control request failed: " + e.getMessage());
        }
    }

    /** The reply line to {@code request}, without its newline. */
    private String answer(ControlRequest request) {
        try {
            return switch (request.kind()) {
                case SNAP -> {
                    DumpRecord d = snapshotter.snapshot();
                    yield "ok " + d.name() + " vac:" + d.root();
                }
                case SNAP_NO_WAIT -> {
                    FreezeTicket t = snapshotter.freezeNow();
                    yield "ok " + t.dumpName() + " frozen";
                }
                case STATUS -> "ok " + DaemonStatus.of(snapshotter).encode();
                case HISTORY -> history(request.argument());
            };
        } catch (IOException | RuntimeException e) {
            return "error " + String.valueOf(e.getMessage()).replace('\n', ' ');
        }
    }

    /** {@code ok N} and N lines {@code DUMP SIZE MTIME_NS MODE_OCTAL vac-entry-score}. */
    private String history(String path) throws IOException {
        List<FileHistory.Version> versions = FileHistory.of(snapshotter.store(), snapshotter.catalog().list(), path);
        StringBuilder b = new StringBuilder("ok ").append(versions.size());
        for (FileHistory.Version v : versions) {
            b.append('\n').append(HistoryLine.encode(v));
        }
        return b.toString();
    }

    private static String readLine(SocketChannel peer) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(peer),
                StandardCharsets.UTF_8), ControlRequest.MAX_LINE);
        return in.readLine();
    }

    private static void reply(SocketChannel peer, String lines) throws IOException {
        ByteBuffer out = StandardCharsets.UTF_8.encode(lines + "\n");
        while (out.hasRemaining()) {
            peer.write(out);
        }
    }

    /** Stops answering and removes the socket; requests being served finish on their own. */
    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        Files.deleteIfExists(socketPath);
    }
}

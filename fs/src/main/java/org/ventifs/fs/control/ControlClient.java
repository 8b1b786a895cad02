package org.ventifs.fs.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ventifs.fs.mount.MountTable;

/**
 * The client side of the control socket (docs/control-protocol.md): finds the socket of a
 * mount and sends one request.
 */
public final class ControlClient {
    /** The control socket's name inside the data directory. */
    public static final String SOCKET_NAME = "control.sock";

    private final Path socket;

    private ControlClient(Path socket) {
        this.socket = socket;
    }

    /** A client of the socket at {@code socket}. */
    public static ControlClient of(Path socket) {
        return new ControlClient(socket);
    }

    /**
     * The client of the daemon serving {@code mountpoint}: the kernel's mount table gives the
     * mount's source, which a ventifs daemon sets to its data directory, whose
     * {@code control.sock} is the socket.
     *
     * @throws IOException naming the mountpoint when it is not a mounted ventifs
     */
    public static ControlClient forMount(Path mountpoint) throws IOException {
        return new ControlClient(dataDirectoryOf(mountpoint).resolve(SOCKET_NAME));
    }

    /**
     * The data directory of the ventifs mounted at {@code mountpoint}: the mount's source
     * in the kernel's mount table, which the daemon sets to its data directory (and where
     * its {@code control.sock} lives).
     *
     * @throws IOException naming the mountpoint when it is not a mounted ventifs
     */
    public static Path dataDirectoryOf(Path mountpoint) throws IOException {
        Optional<MountTable.Mount> mount = MountTable.at(mountpoint);
        if (mount.isEmpty()) {
            throw new IOException(mountpoint + " is not a mount point; mount ventifs there first");
        }
        Path dir = dataDirectoryOf(mount.get());
        if (dir == null) {
            throw new IOException(mountpoint + " is a " + mount.get().type() + " mount of " + mount.get().source()
                    + ", not a ventifs mount with a control socket");
        }
        return dir;
    }

    /**
     * The mount holding {@code path} (the deepest ventifs mount above it) and its data
     * directory, or empty when no ventifs mount holds it.
     */
    public static Optional<Map.Entry<Path, Path>> mountHolding(Path path) throws IOException {
        Path abs = path.toAbsolutePath().normalize();
        Map.Entry<Path, Path> best = null;
        for (MountTable.Mount m : MountTable.read()) {
            Path dir = abs.startsWith(m.mountpoint()) ? dataDirectoryOf(m) : null;
            if (dir != null && (best == null || m.mountpoint().getNameCount() >= best.getKey().getNameCount())) {
                best = Map.entry(m.mountpoint(), dir);
            }
        }
        return Optional.ofNullable(best);
    }

    /** The data directory of {@code mount}, or null when its source is no data directory with a control socket. */
    static Path dataDirectoryOf(MountTable.Mount mount) {
        String prefix = org.ventifs.fs.MountOptions.FSNAME_PREFIX;
        if (!mount.type().equals("fuse.ventifs") || !mount.source().startsWith(prefix + "/")) {
            return null;
        }
        Path dir = Path.of(mount.source().substring(prefix.length()));
        return Files.exists(dir.resolve(SOCKET_NAME)) ? dir : null;
    }

    /**
     * Sends {@code request} and returns the reply after {@code ok }.
     *
     * @throws IOException with the daemon's message when it replies {@code error ...}, or
     *                     naming the socket when the daemon cannot be reached
     */
    String send(ControlRequest request) throws IOException {
        return exchange(request).get(0);
    }

    /**
     * Sends {@code request} and returns the reply line after {@code ok }, followed (for
     * {@code history}) by the lines its count announces.
     */
    private List<String> exchange(ControlRequest request) throws IOException {
        List<String> lines = new ArrayList<>();
        String reply;
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = StandardCharsets.UTF_8.encode(request.encode() + "\n");
            while (out.hasRemaining()) {
                ch.write(out);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8));
            reply = in.readLine();
            if (reply != null && reply.startsWith("ok ") && request.kind() == ControlRequest.Kind.HISTORY) {
                int count = Integer.parseInt(reply.substring(3).strip());
                for (int i = 0; i < count; i++) {
                    String line = in.readLine();
                    if (line == null) {
                        throw new IOException("the reply ended after " + i + " of " + count + " lines");
                    }
                    lines.add(line);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IOException("cannot talk to the ventifs daemon at " + socket + ": " + e.getMessage()
                    + "; is the file system still mounted?", e);
        }
        if (reply == null) {
            throw new IOException("the ventifs daemon at " + socket + " closed the connection without a reply; see its log");
        }
        if (!reply.startsWith("ok ")) {
            throw new IOException(reply.startsWith("error ") ? reply.substring(6) : "unexpected reply: " + reply);
        }
        lines.add(0, reply.substring(3));
        return lines;
    }

    /** The versions of {@code path} (relative to the file system's root) across the dumps, oldest first. */
    public List<HistoryLine> history(String path) throws IOException {
        List<String> lines = exchange(new ControlRequest(ControlRequest.Kind.HISTORY, path));
        List<HistoryLine> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            out.add(HistoryLine.decode(line));
        }
        return out;
    }

    /** Takes a snapshot and returns {@code NAME vac:SCORE} once it is durable. */
    public String snap() throws IOException {
        return send(ControlRequest.SNAP);
    }

    /** Takes a snapshot and returns {@code NAME frozen} right after the freeze. */
    public String snapNoWait() throws IOException {
        return send(ControlRequest.SNAP_NO_WAIT);
    }

    /** The daemon's status as sent: {@code key=value} pairs separated by spaces. */
    public String status() throws IOException {
        return send(ControlRequest.STATUS);
    }

    /**
     * The daemon's status, decoded.
     *
     * @throws IOException when the daemon cannot be reached or its reply is not protocol 2
     */
    public StatusReport statusReport() throws IOException {
        String reply = status();
        try {
            return StatusReport.decode(reply);
        } catch (IllegalArgumentException e) {
            throw new IOException("the ventifs daemon at " + socket + ": " + e.getMessage(), e);
        }
    }

    /** Whether a daemon answers on {@code socket} now. */
    static boolean answers(Path socket) {
        try {
            of(socket).status();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

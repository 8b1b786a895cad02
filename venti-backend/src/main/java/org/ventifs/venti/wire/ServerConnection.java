package org.ventifs.venti.wire;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.ventifs.venti.wire.VentiMessage.Rerror;
import org.ventifs.venti.wire.VentiMessage.Rhello;
import org.ventifs.venti.wire.VentiMessage.Rping;
import org.ventifs.venti.wire.VentiMessage.Tgoodbye;
import org.ventifs.venti.wire.VentiMessage.Thello;
import org.ventifs.venti.wire.VentiMessage.Tping;

/**
 * One client's connection to the server: the handshake, Thello, then requests,
 * each answered on this thread, in order, as soon as it is read. Replies collect in
 * an output buffer that goes out whenever the next read would wait for the peer, so
 * that a pipelining client gets its replies in few system calls and a waiting one
 * gets its reply at once. One request is held at a time, at most
 * {@link Framing#MAX_MESSAGE} bytes; a peer that stops reading its replies stops
 * this thread writing, hence reading, until the watchdog cuts it. Anything that
 * breaks the protocol gets an Rerror when it carries a tag, or else ends the
 * connection with a log line; it never touches other connections.
 */
final class ServerConnection implements Runnable {
    /** The session id sent in Rhello. */
    static final String SESSION_ID = "ventifs";
    /** Input and output buffers: two largest messages, so that a pipeline moves in large system calls. */
    private static final int BUFFER = 2 * (Framing.MAX_MESSAGE + 4);

    private final Socket socket;
    private final RequestHandler handler;
    private final long idleNanos;
    private final BooleanSupplier draining;
    private final Consumer<String> log;
    private final String peer;
    private volatile WatchedOutput output;

    ServerConnection(Socket socket, RequestHandler handler, long idleNanos, BooleanSupplier draining,
            Consumer<String> log) {
        this.socket = socket;
        this.handler = handler;
        this.idleNanos = idleNanos;
        this.draining = draining;
        this.log = log;
        this.peer = String.valueOf(socket.getRemoteSocketAddress());
    }

    /** Closes the socket, ending {@link #run} at once (used when a drain takes too long). */
    void abort() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    /**
     * Closes the connection when a reply has been blocked for more than the idle
     * timeout because the peer stopped reading; returns whether it did.
     */
    boolean cutIfStuck() {
        WatchedOutput o = output;
        if (o != null && o.stuckLongerThan(idleNanos)) {
            log.accept("venti client " + peer + ": closed, it stopped reading its replies");
            abort();
            return true;
        }
        return false;
    }

    @Override
    public void run() {
        try (socket) {
            serve();
        } catch (SocketTimeoutException e) {
            log.accept("venti client " + peer + ": closed, " + e.getMessage());
        } catch (EOFException e) {
            log.accept("venti client " + peer + ": " + e.getMessage());
        } catch (ProtocolException e) {
            log.accept("venti client " + peer + ": closed, " + e.getMessage());
        } catch (IOException e) {
            if (!socket.isClosed()) {
                log.accept("venti client " + peer + ": connection failed: " + e.getMessage());
            }
        }
    }

    private void serve() throws IOException {
        WatchedInput watched = new WatchedInput(socket.getInputStream(), draining);
        ReadBuffer in = new ReadBuffer(watched, BUFFER);
        output = new WatchedOutput(socket.getOutputStream());
        BufferedOutputStream out = new BufferedOutputStream(output, BUFFER);
        Handshake.OURS.write(out);
        out.flush();
        watched.expect("the version line", idleNanos, false);
        Handshake theirs = Handshake.read(in);
        Optional<Framing> chosen = theirs.choose();
        if (chosen.isEmpty()) {
            log.accept("venti client " + peer + ": closed, it offers no version we speak: " + theirs.versions());
            return;
        }
        Framing framing = chosen.get();
        watched.expect("Thello", idleNanos, false);
        if (!hello(framing, framing.read(in), out)) {
            return;
        }
        watched.flushBeforeWaiting(out);
        try {
            serveRequests(framing, in, watched, out);
        } finally {
            out.flush();
        }
    }

    /** Reads and answers requests until the peer leaves or the server drains. */
    private void serveRequests(Framing framing, ReadBuffer in, WatchedInput watched, OutputStream out)
            throws IOException {
        while (true) {
            watched.expect("a request", idleNanos, in.isDrained());
            byte[] body = framing.read(in);
            if (body == null) {
                return;
            }
            VentiMessage request;
            try {
                request = VentiMessage.decode(body);
            } catch (ProtocolException e) {
                if (!e.hasTag()) {
                    throw e;
                }
                framing.write(out, Rerror.of(e.tag(), e.getMessage()).encode());
                continue;
            }
            if (request instanceof Tgoodbye) {
                return;
            }
            framing.write(out, answer(request).encode());
        }
    }

    /** Checks the first message; returns whether the session may go on. */
    private boolean hello(Framing framing, byte[] body, BufferedOutputStream out) throws IOException {
        if (body == null) {
            log.accept("venti client " + peer + ": left before Thello");
            return false;
        }
        String refusal;
        int tag = 0;
        try {
            VentiMessage first = VentiMessage.decode(body);
            tag = first.tag();
            if (!(first instanceof Thello hello)) {
                refusal = "the first message must be Thello, not " + first.getClass().getSimpleName();
            } else if (hello.tag() != 0) {
                refusal = "Thello must carry tag 0, not " + hello.tag();
            } else if (!hello.version().equals(framing.version())) {
                refusal = "Thello names version \"" + hello.version() + "\" but the handshake chose "
                        + framing.version();
            } else {
                framing.write(out, new Rhello(0, SESSION_ID, 0, 0).encode());
                return true;
            }
        } catch (ProtocolException e) {
            refusal = e.getMessage();
            tag = e.hasTag() ? e.tag() : 0;
        }
        framing.write(out, Rerror.of(tag, refusal).encode());
        out.flush();
        log.accept("venti client " + peer + ": closed, " + refusal);
        return false;
    }

    /** The reply to a request other than Tgoodbye: store requests go to the handler. */
    private VentiMessage answer(VentiMessage request) {
        if (request instanceof Tping) {
            return new Rping(request.tag());
        }
        if (request instanceof Thello) {
            return new Rerror(request.tag(), "Thello was already received on this connection");
        }
        return handler.answer(request);
    }
}

package org.ventifs.venti.wire;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.ventifs.venti.wire.VentiMessage.Rerror;
import org.ventifs.venti.wire.VentiMessage.Rhello;
import org.ventifs.venti.wire.VentiMessage.Rping;
import org.ventifs.venti.wire.VentiMessage.Tgoodbye;
import org.ventifs.venti.wire.VentiMessage.Thello;
import org.ventifs.venti.wire.VentiMessage.Tping;
import org.ventifs.venti.wire.VentiMessage.Tread;
import org.ventifs.venti.wire.VentiMessage.Tsync;
import org.ventifs.venti.wire.VentiMessage.Twrite;

/**
 * One client's connection to the server: the handshake, Thello, then requests.
 * This thread reads and decodes; store requests run on the server's workers (a few
 * of one kind at a time) and a {@link ReplyWriter} sends the replies, in whatever
 * order they finish, flushing when none is waiting. At most
 * {@link ReplyWriter#OUTSTANDING} requests are held at once, each at most
 * {@link Framing#MAX_MESSAGE} bytes. Anything that breaks the protocol gets an
 * Rerror when it carries a tag, or else ends the connection with a log line; it
 * never touches other connections.
 */
final class ServerConnection implements Runnable {
    /** The session id sent in Rhello. */
    static final String SESSION_ID = "ventifs";
    private static final int BUFFER = Framing.MAX_MESSAGE + 4;
    /** Store requests of one kind that one connection may have running at once. */
    static final int PARALLEL = 4;

    private final Socket socket;
    private final RequestHandler handler;
    private final long idleNanos;
    private final BooleanSupplier draining;
    private final Consumer<String> log;
    private final String peer;
    private volatile WatchedOutput output;
    private final Executor workers;
    private final Object turns = new Object();
    private Class<?> runningKind; // guarded by turns
    private int running; // guarded by turns

    ServerConnection(Socket socket, RequestHandler handler, Executor workers, long idleNanos,
            BooleanSupplier draining, Consumer<String> log) {
        this.socket = socket;
        this.workers = workers;
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
        BufferedInputStream in = new BufferedInputStream(watched, BUFFER);
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
        out.flush();
        ReplyWriter replies = new ReplyWriter(framing, out, "venti-replies " + peer);
        try {
            serveRequests(framing, in, watched, replies);
        } finally {
            awaitIdle();
            replies.finish();
        }
    }

    /** Reads requests until the peer leaves; store requests go to the workers, the rest is answered here. */
    private void serveRequests(Framing framing, BufferedInputStream in, WatchedInput watched, ReplyWriter replies)
            throws IOException {
        while (true) {
            watched.expect("a request", idleNanos, in.available() == 0);
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
                replies.reserve();
                replies.send(Rerror.of(e.tag(), e.getMessage()));
                continue;
            }
            if (request instanceof Tgoodbye) {
                return;
            }
            replies.reserve();
            if (request instanceof Tread || request instanceof Twrite || request instanceof Tsync) {
                dispatch(request, replies);
            } else {
                replies.send(answer(request));
            }
        }
    }

    /**
     * Runs a store request on a worker once its turn comes: requests of one kind run
     * side by side (up to {@link #PARALLEL}); a change of kind, and every Tsync, waits
     * for those running to finish, so a read never overtakes an earlier write and
     * Rsync follows every earlier write.
     */
    private void dispatch(VentiMessage request, ReplyWriter replies) throws IOException {
        awaitTurn(request.getClass());
        Runnable task = () -> {
            try {
                replies.send(handler.answer(request));
            } finally {
                turnDone();
            }
        };
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // the server is stopping: answer on this thread
        }
    }

    private void awaitTurn(Class<?> kind) throws IOException {
        synchronized (turns) {
            while (running > 0 && (kind != runningKind || kind == Tsync.class || running >= PARALLEL)) {
                waitForTurns();
            }
            running++;
            runningKind = kind;
        }
    }

    private void turnDone() {
        synchronized (turns) {
            running--;
            turns.notifyAll();
        }
    }

    private void awaitIdle() throws IOException {
        synchronized (turns) {
            while (running > 0) {
                waitForTurns();
            }
        }
    }

    private void waitForTurns() throws IOException {
        try {
            turns.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a request to finish");
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

package org.ventifs.venti.wire;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import org.ventifs.venti.wire.VentiMessage.Rerror;
import org.ventifs.venti.wire.VentiMessage.Rhello;
import org.ventifs.venti.wire.VentiMessage.Tgoodbye;
import org.ventifs.venti.wire.VentiMessage.Thello;

/**
 * One open session with a Venti server: up to 256 requests in flight, one per tag,
 * each with a future that a single reader thread completes when the reply with its
 * tag arrives. When the connection fails, every outstanding and later request
 * fails with the same clear IOException; the owner then opens a new connection.
 */
final class ClientConnection {
    private static final int TAGS = 256;
    private static final String USER = "anonymous";

    private final VentiAddress address;
    private final Socket socket;
    private final Framing framing;
    private final BufferedOutputStream out;
    private final InputStream in;
    private final AtomicReferenceArray<CompletableFuture<VentiMessage>> pending = new AtomicReferenceArray<>(TAGS);
    private final ArrayBlockingQueue<Integer> freeTags = new ArrayBlockingQueue<>(TAGS);
    /** Bodies waiting for the writer; at most one per tag, so bounded by 256 messages. */
    private final LinkedBlockingQueue<byte[]> outgoing = new LinkedBlockingQueue<>();
    private Thread writer; // set once, before the reader starts
    private volatile IOException failure;

    private ClientConnection(VentiAddress address, Socket socket, Framing framing, InputStream in,
            BufferedOutputStream out) {
        this.address = address;
        this.socket = socket;
        this.framing = framing;
        this.in = in;
        this.out = out;
        for (int tag = 0; tag < TAGS; tag++) {
            freeTags.add(tag);
        }
    }

    /**
     * Connects, exchanges version lines and Thello/Rhello, and starts the reader.
     *
     * @throws IOException naming the server when it cannot be reached or refuses the session
     */
    static ClientConnection open(VentiAddress address, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
            socket.connect(address.toSocketAddress(), millis);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(millis);
            InputStream in = new BufferedInputStream(socket.getInputStream(), Framing.MAX_MESSAGE + 4);
            BufferedOutputStream out = new BufferedOutputStream(socket.getOutputStream(), Framing.MAX_MESSAGE + 4);
            Handshake.OURS.write(out);
            out.flush();
            Handshake theirs = Handshake.read(in);
            Framing framing = theirs.choose().orElseThrow(() -> new ProtocolException(
                    "it offers only versions " + theirs.versions() + " and we speak 02 and 04"));
            framing.write(out, Thello.plain(framing.version(), USER).encode());
            out.flush();
            byte[] body = framing.read(in);
            if (body == null) {
                throw new ProtocolException("it closed the connection after our Thello");
            }
            VentiMessage reply = VentiMessage.decode(body);
            if (reply instanceof Rerror e) {
                throw new ProtocolException("it refused our Thello: " + e.error());
            }
            if (!(reply instanceof Rhello) || reply.tag() != 0) {
                throw new ProtocolException("it answered Thello with " + reply);
            }
            socket.setSoTimeout(0);
            ClientConnection connection = new ClientConnection(address, socket, framing, in, out);
            connection.writer = new Thread(connection::writeRequests, "venti-client-writer " + address);
            connection.writer.setDaemon(true);
            connection.writer.start();
            Thread reader = new Thread(connection::readReplies, "venti-client-reader " + address);
            reader.setDaemon(true);
            reader.start();
            return connection;
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot open a session with venti server " + address + ": " + e.getMessage()
                    + "; check that a Venti server runs there", e);
        }
    }

    /** Whether this connection has failed or been closed; a new one is needed. */
    boolean isBroken() {
        return failure != null;
    }

    /** The framing negotiated in the handshake. */
    Framing framing() {
        return framing;
    }

    /**
     * Sends the message body that {@code build} encodes with a free tag (waiting for one
     * when 256 are in flight) and returns the future of its reply.
     *
     * @throws IOException when the connection has failed
     */
    CompletableFuture<VentiMessage> send(IntFunction<byte[]> build) throws IOException {
        int tag = takeTag();
        CompletableFuture<VentiMessage> reply = new CompletableFuture<>();
        byte[] body = build.apply(tag);
        pending.set(tag, reply);
        outgoing.add(body);
        IOException f = failure;
        if (f != null && pending.compareAndSet(tag, reply, null)) {
            reply.completeExceptionally(f);
        }
        return reply;
    }

    /**
     * Says goodbye (giving the writer at most a second to send it, so that a server
     * that stopped reading cannot hold us) and closes; outstanding requests fail.
     */
    void close() {
        if (failure == null) {
            outgoing.add(new Tgoodbye(0).encode());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (!outgoing.isEmpty() && failure == null && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        fail(new IOException("the connection to venti server " + address + " was closed"));
    }

    /** Marks the connection failed with {@code cause}, closes it and fails every outstanding request. */
    void fail(IOException cause) {
        synchronized (this) {
            if (failure != null) {
                return;
            }
            failure = cause;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already failing
        }
        writer.interrupt();
        for (int tag = 0; tag < TAGS; tag++) {
            CompletableFuture<VentiMessage> f = pending.getAndSet(tag, null);
            if (f != null) {
                f.completeExceptionally(cause);
            }
        }
    }

    private int takeTag() throws IOException {
        while (true) {
            IOException f = failure;
            if (f != null) {
                throw new IOException(f.getMessage(), f);
            }
            try {
                Integer tag = freeTags.poll(100, TimeUnit.MILLISECONDS);
                if (tag != null) {
                    return tag;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting to send to venti server " + address);
            }
        }
    }

    /**
     * Writes queued requests, flushing only when the queue runs dry, so that a burst
     * of pipelined requests goes out in few system calls.
     */
    private void writeRequests() {
        try {
            while (true) {
                byte[] body = outgoing.take();
                synchronized (out) {
                    do {
                        framing.write(out, body);
                        body = outgoing.poll();
                    } while (body != null);
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            // the connection failed or was closed
        } catch (IOException e) {
            fail(new IOException("lost the connection to venti server " + address + " while sending: "
                    + e.getMessage(), e));
        }
    }

    private void readReplies() {
        try {
            while (true) {
                byte[] body = framing.read(in);
                if (body == null) {
                    fail(new IOException("venti server " + address + " closed the connection"));
                    return;
                }
                VentiMessage reply = VentiMessage.decode(body);
                CompletableFuture<VentiMessage> waiting = pending.getAndSet(reply.tag(), null);
                if (waiting == null) {
                    throw new ProtocolException("a reply carries tag " + reply.tag() + ", which no request holds");
                }
                freeTags.add(reply.tag());
                waiting.complete(reply);
            }
        } catch (IOException e) {
            fail(new IOException("lost the connection to venti server " + address + ": " + e.getMessage(), e));
        }
    }
}

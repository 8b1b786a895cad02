package org.ventifs.venti.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A connection's reply writer: one thread that writes replies in the order they
 * are handed over and flushes whenever none is waiting, so that request handlers
 * never block on a slow peer. At most {@link #OUTSTANDING} replies may be reserved
 * and not yet written; the request reader waits for room, which stops it reading
 * from a peer that does not read its replies (and bounds the memory they hold).
 */
final class ReplyWriter {
    /** Requests accepted and not yet answered on the wire, per connection. */
    static final int OUTSTANDING = 64;
    private static final byte[] END = new byte[0];

    private final Framing framing;
    private final OutputStream out;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(OUTSTANDING);
    private final Thread thread;
    private volatile IOException failure;

    /** Starts the writer thread over {@code out} (a buffered stream the caller no longer writes to). */
    ReplyWriter(Framing framing, OutputStream out, String name) {
        this.framing = framing;
        this.out = out;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits for room for one more reply.
     *
     * @throws IOException when writing has failed (the connection is lost)
     */
    void reserve() throws IOException {
        try {
            while (!room.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                checkFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to answer");
        }
        checkFailure();
    }

    /** Hands over a reply for which room was reserved; never blocks. */
    void send(VentiMessage reply) {
        queue.add(reply.encode());
    }

    /**
     * Writes every reply handed over, flushes, and stops the thread.
     *
     * @throws IOException when writing failed
     */
    void finish() throws IOException {
        queue.add(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkFailure();
    }

    private void checkFailure() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw new IOException(f.getMessage(), f);
        }
    }

    private void run() {
        try {
            while (true) {
                byte[] body = queue.take();
                while (body != null) {
                    if (body == END) {
                        out.flush();
                        return;
                    }
                    framing.write(out, body);
                    room.release();
                    body = queue.poll();
                }
                out.flush();
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            failure = new IOException("the reply writer was interrupted");
        }
    }
}

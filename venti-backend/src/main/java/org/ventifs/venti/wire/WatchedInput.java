package org.ventifs.venti.wire;

import java.io.FilterInputStream;
import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A socket's input, read with a short socket timeout so that a blocked read can
 * notice two things: a deadline (the peer has been silent too long) and a server
 * that is draining (then a read at a message boundary ends the stream, while a
 * message already started is read to its end). It can also flush a pending output
 * before a read that would wait, so that replies go out in batches yet never sit
 * unsent while the peer waits for them.
 */
final class WatchedInput extends FilterInputStream {
    private final BooleanSupplier draining;
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile boolean atBoundary;
    private String waitingFor = "data";
    private Flushable beforeWaiting = () -> { };

    /** Wraps the input of a socket whose SO_TIMEOUT is the polling interval. */
    WatchedInput(InputStream socketInput, BooleanSupplier draining) {
        super(socketInput);
        this.draining = draining;
    }

    /**
     * Starts waiting for {@code what}: reads fail once {@code timeoutNanos} pass without
     * it completing; at a message boundary a drain ends the stream.
     */
    void expect(String what, long timeoutNanos, boolean messageBoundary) {
        waitingFor = what;
        deadlineNanos = System.nanoTime() + timeoutNanos;
        atBoundary = messageBoundary;
    }

    /** From now on, flushes {@code output} before every read that finds nothing to read yet. */
    void flushBeforeWaiting(Flushable output) {
        beforeWaiting = output;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (super.available() == 0) {
            beforeWaiting.flush();
        }
        while (true) {
            try {
                int n = super.read(b, off, len);
                if (n > 0) {
                    atBoundary = false;
                }
                return n;
            } catch (SocketTimeoutException e) {
                if (atBoundary && draining.getAsBoolean()) {
                    return -1;
                }
                if (System.nanoTime() - deadlineNanos > 0) {
                    throw new SocketTimeoutException("timed out waiting for " + waitingFor);
                }
            }
        }
    }
}

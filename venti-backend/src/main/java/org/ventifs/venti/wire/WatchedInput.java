package org.ventifs.venti.wire;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A socket's input, read with a short socket timeout so that a blocked read can
 * notice two things: a deadline (the peer has been silent too long) and a server
 * that is draining (then a read at a message boundary ends the stream, while a
 * message already started is read to its end).
 */
final class WatchedInput extends FilterInputStream {
    private final BooleanSupplier draining;
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile boolean atBoundary;
    private String waitingFor = "data";

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

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
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

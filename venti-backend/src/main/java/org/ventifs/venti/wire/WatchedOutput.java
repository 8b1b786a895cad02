package org.ventifs.venti.wire;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A socket's output that records when a write began blocking, so that a watchdog
 * can cut a peer that stopped reading its replies (Java sockets have no write timeout).
 */
final class WatchedOutput extends FilterOutputStream {
    private static final long NOT_WRITING = Long.MIN_VALUE;

    private volatile long writingSince = NOT_WRITING;

    WatchedOutput(OutputStream socketOutput) {
        super(socketOutput);
    }

    /** Whether a write has been blocked for longer than {@code nanos}. */
    boolean stuckLongerThan(long nanos) {
        long since = writingSince;
        return since != NOT_WRITING && System.nanoTime() - since > nanos;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        writingSince = System.nanoTime();
        try {
            out.write(b, off, len);
        } finally {
            writingSince = NOT_WRITING;
        }
    }
}

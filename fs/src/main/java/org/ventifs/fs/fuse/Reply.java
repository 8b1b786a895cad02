package org.ventifs.fs.fuse;

import java.nio.ByteBuffer;

/**
 * One answer to the kernel: struct fuse_out_header (16 bytes) and a body, built in a
 * native-order buffer and written with a single write(2).
 */
final class Reply {
    static final int HEADER_SIZE = 16;

    final ByteBuffer buf;
    private long unique;
    /** Whether this request gets an answer at all (FORGET and INTERRUPT do not). */
    boolean silent;

    Reply(ByteBuffer buf) {
        this.buf = buf;
    }

    /** Starts a successful reply to {@code unique}; the body goes at the buffer's position. */
    ByteBuffer begin(long unique) {
        this.unique = unique;
        this.silent = false;
        buf.clear().position(HEADER_SIZE);
        return buf;
    }

    /** Turns the reply into an error answer with no body. */
    void error(int errno) {
        buf.clear().position(HEADER_SIZE);
        finish(-errno);
    }

    /** Writes the header for the body built so far. */
    void finish(int error) {
        int len = buf.position();
        buf.putInt(0, len).putInt(4, error).putLong(8, unique);
        buf.limit(len).position(0);
    }
}

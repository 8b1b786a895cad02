package org.ventifs.venti.wire;

import java.io.BufferedInputStream;
import java.io.InputStream;

/** A buffered input that can tell whether it holds unread bytes, without asking the socket. */
final class ReadBuffer extends BufferedInputStream {
    ReadBuffer(InputStream in, int size) {
        super(in, size);
    }

    /** Whether every byte received so far has been read: the next read goes to the socket. */
    synchronized boolean isDrained() {
        return pos >= count;
    }
}

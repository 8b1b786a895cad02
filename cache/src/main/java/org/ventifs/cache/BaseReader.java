package org.ventifs.cache;

import java.io.IOException;

/** Reads the content of a file's base, the vac stream of its last archived version, from Venti. */
interface BaseReader {
    /**
     * Copies {@code length} bytes at {@code offset} of the stream {@code base} names into
     * {@code dst}; bytes in holes or past the stream's end read as zeros.
     *
     * @throws IOException when Venti cannot supply a block or a block fails its score check
     */
    void read(byte[] base, long offset, byte[] dst, int dstOffset, int length) throws IOException;
}

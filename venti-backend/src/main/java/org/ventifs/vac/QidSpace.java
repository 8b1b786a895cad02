package org.ventifs.vac;

import java.nio.ByteBuffer;

/**
 * The QidSpace extension (type 3) that the root's DirEntry carries: qids in the
 * tree start at {@code offset}, and {@code max} is the next unused one. Fossil needs
 * it to rebuild a file system from an archive.
 *
 * @param offset the first qid of the tree
 * @param max    the next unused qid
 */
public record QidSpace(long offset, long max) {
    /** The extension's type number. */
    public static final int TYPE = 3;
    /** Bytes of the extension's data. */
    public static final int LENGTH = 16;

    /**
     * Decodes the extension's 16 data bytes.
     *
     * @throws VacFormatException when the length is not 16
     */
    static QidSpace decode(ByteBuffer data) {
        if (data.remaining() != LENGTH) {
            throw new VacFormatException("a QidSpace extension holds 16 bytes, not " + data.remaining());
        }
        return new QidSpace(data.getLong(), data.getLong());
    }

    /** Appends the extension's 16 data bytes. */
    void encode(ByteBuffer out) {
        out.putLong(offset);
        out.putLong(max);
    }
}

package org.ventifs.snapshot;

import org.ventifs.vac.DirectoryStreams;
import org.ventifs.vac.Entry;

/**
 * The base the archiver keeps in the cache for a directory: the two 40-byte vac entries
 * of its last archived version, entry stream then meta stream (80 bytes,
 * docs/archive-format.md). An unchanged directory is put in the next dump as these
 * entries, unread.
 */
record DirectoryBase(DirectoryStreams streams) {
    /** Bytes of an encoded directory base. */
    static final int SIZE = 2 * Entry.SIZE;

    /** The 80 bytes: entry stream's entry, then meta stream's entry. */
    byte[] encode() {
        byte[] out = new byte[SIZE];
        streams.entries().encode(out, 0);
        streams.meta().encode(out, Entry.SIZE);
        return out;
    }

    /**
     * Decodes a directory base.
     *
     * @throws IllegalArgumentException when the bytes are not 80 or not an active dir stream then an active data stream
     */
    static DirectoryBase decode(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a directory base is " + SIZE + " bytes, not " + bytes.length);
        }
        Entry entries = Entry.decode(bytes, 0);
        Entry meta = Entry.decode(bytes, Entry.SIZE);
        if (!entries.active() || !entries.dir() || !meta.active() || meta.dir()) {
            throw new IllegalArgumentException("a directory base must hold an active dir stream then an active data stream");
        }
        return new DirectoryBase(new DirectoryStreams(entries, meta));
    }
}

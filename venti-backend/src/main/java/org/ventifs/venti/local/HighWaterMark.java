package org.ventifs.venti.local;

import java.nio.ByteBuffer;

/**
 * How far the index covers the arenas: every clump before {@code offset} of arena
 * {@code arena}, and in every earlier arena, is indexed. Stored in LMDB as 12 bytes:
 * {@code arena[4] offset[8]}.
 */
record HighWaterMark(int arena, long offset) implements Comparable<HighWaterMark> {
    /** Bytes in an encoded mark. */
    static final int SIZE = 12;
    /** The mark of an empty index: nothing covered. */
    static final HighWaterMark START = new HighWaterMark(0, ArenaHeader.SIZE);

    HighWaterMark {
        if (arena < 0 || offset < ArenaHeader.SIZE) {
            throw new IllegalArgumentException("impossible high-water mark: arena " + arena + " offset " + offset);
        }
    }

    /** Writes the 12 bytes at the buffer's position. */
    void encode(ByteBuffer out) {
        out.putInt(arena).putLong(offset);
    }

    /**
     * Reads 12 bytes from the buffer's position.
     *
     * @throws FormatException when the value has the wrong size or impossible fields
     */
    static HighWaterMark decode(ByteBuffer in) throws FormatException {
        if (in.remaining() != SIZE) {
            throw new FormatException("a high-water mark is " + SIZE + " bytes, not " + in.remaining());
        }
        try {
            return new HighWaterMark(in.getInt(), in.getLong());
        } catch (IllegalArgumentException e) {
            throw new FormatException(e.getMessage());
        }
    }

    @Override
    public int compareTo(HighWaterMark o) {
        int c = Integer.compare(arena, o.arena);
        return c != 0 ? c : Long.compare(offset, o.offset);
    }
}

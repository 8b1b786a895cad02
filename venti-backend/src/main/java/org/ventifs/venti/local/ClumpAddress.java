package org.ventifs.venti.local;

import java.nio.ByteBuffer;

/**
 * Where a clump lives: arena number, offset of its header in the arena file, and the
 * clump's whole length (header and stored data). As the index's LMDB value it is 16
 * bytes: {@code arena[4] offset[8] length[4]}.
 */
record ClumpAddress(int arena, long offset, int length) {
    /** Bytes in an encoded address. */
    static final int SIZE = 16;

    ClumpAddress {
        if (arena < 0 || offset < ArenaHeader.SIZE || length <= ClumpHeader.SIZE
                || length > ClumpHeader.SIZE + org.ventifs.venti.BlockStore.MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("impossible clump address: arena " + arena + " offset " + offset
                    + " length " + length);
        }
    }

    /** The offset just past the clump. */
    long end() {
        return offset + length;
    }

    /** Writes the 16 bytes at the buffer's position. */
    void encode(ByteBuffer out) {
        out.putInt(arena).putLong(offset).putInt(length);
    }

    /**
     * Reads 16 bytes from the buffer's position.
     *
     * @throws FormatException when the value has the wrong size or impossible fields
     */
    static ClumpAddress decode(ByteBuffer in) throws FormatException {
        if (in.remaining() != SIZE) {
            throw new FormatException("an index value is " + SIZE + " bytes, not " + in.remaining());
        }
        try {
            return new ClumpAddress(in.getInt(), in.getLong(), in.getInt());
        } catch (IllegalArgumentException e) {
            throw new FormatException(e.getMessage());
        }
    }
}

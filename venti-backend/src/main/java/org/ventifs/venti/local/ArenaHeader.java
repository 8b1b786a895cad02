package org.ventifs.venti.local;

import java.nio.ByteBuffer;

/**
 * The first bytes of every arena file (see docs/store-format.md):
 * <pre>
 * magic[4]="VARN" version[2]=1 reserved[2]=0 number[4] capacity[8] crc32c[4]
 * </pre>
 * {@code capacity} bounds the file's size, trailer included.
 */
record ArenaHeader(int number, long capacity) {
    /** Bytes in an encoded header; the first clump starts here. */
    static final int SIZE = 24;
    /** "VARN". */
    static final int MAGIC = 0x5641524E;
    /** The format version this code writes and reads. */
    static final int VERSION = 1;

    ArenaHeader {
        if (number < 0) {
            throw new IllegalArgumentException("arena number must not be negative: " + number);
        }
        if (capacity < SIZE + ArenaTrailer.SIZE + ClumpHeader.SIZE + 1) {
            throw new IllegalArgumentException("arena capacity too small to hold a clump: " + capacity);
        }
    }

    /** Returns the 24 header bytes. */
    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(SIZE);
        out.putInt(MAGIC).putShort((short) VERSION).putShort((short) 0).putInt(number).putLong(capacity);
        HeaderChecksum.append(out, 0, SIZE - 4);
        return out.array();
    }

    /**
     * Decodes the 24 bytes at the start of {@code bytes}.
     *
     * @throws FormatException when the magic, version, checksum or a field is wrong
     */
    static ArenaHeader decode(byte[] bytes) throws FormatException {
        ByteBuffer in = HeaderChecksum.checkFrame(bytes, 0, SIZE, MAGIC, "arena header");
        int version = in.getShort() & 0xffff;
        if (version != VERSION) {
            throw new FormatException("arena format version " + version + " is not supported (this ventifs reads "
                    + VERSION + ")");
        }
        in.getShort();
        int number = in.getInt();
        long capacity = in.getLong();
        try {
            return new ArenaHeader(number, capacity);
        } catch (IllegalArgumentException e) {
            throw new FormatException("impossible arena header: " + e.getMessage());
        }
    }
}

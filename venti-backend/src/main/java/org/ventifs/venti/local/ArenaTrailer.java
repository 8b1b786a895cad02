package org.ventifs.venti.local;

import java.nio.ByteBuffer;

/**
 * The seal written after an arena's last clump when the arena is full (see
 * docs/store-format.md):
 * <pre>
 * magic[4]="VSEL" clumpCount[4] dataEnd[8] arenaCrc32c[4] crc32c[4]
 * </pre>
 * {@code dataEnd} is the offset of the trailer itself; {@code arenaChecksum} is the
 * CRC-32C of every byte of the file before it. The last CRC covers the 20 bytes before it.
 */
record ArenaTrailer(int clumpCount, long dataEnd, int arenaChecksum) {
    /** Bytes in an encoded trailer. */
    static final int SIZE = 24;
    /** "VSEL". */
    static final int MAGIC = 0x5653454C;

    ArenaTrailer {
        if (clumpCount < 0 || dataEnd < ArenaHeader.SIZE) {
            throw new IllegalArgumentException("impossible trailer: " + clumpCount + " clumps ending at " + dataEnd);
        }
    }

    /** Returns the 24 trailer bytes. */
    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(SIZE);
        out.putInt(MAGIC).putInt(clumpCount).putLong(dataEnd).putInt(arenaChecksum);
        HeaderChecksum.append(out, 0, SIZE - 4);
        return out.array();
    }

    /**
     * Decodes the trailer at {@code offset} of {@code bytes}.
     *
     * @throws FormatException when the magic, the checksum or a field is wrong
     */
    static ArenaTrailer decode(byte[] bytes, int offset) throws FormatException {
        ByteBuffer in = HeaderChecksum.checkFrame(bytes, offset, SIZE, MAGIC, "arena trailer");
        try {
            return new ArenaTrailer(in.getInt(), in.getLong(), in.getInt());
        } catch (IllegalArgumentException e) {
            throw new FormatException(e.getMessage());
        }
    }
}

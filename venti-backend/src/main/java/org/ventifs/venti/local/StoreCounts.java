package org.ventifs.venti.local;

import java.nio.ByteBuffer;

/**
 * What has gone into the embedded store, for {@code ventifs status} (docs/store-format.md,
 * "Counts"). Kept in the index's {@code meta} database under {@code counts}, committed in the
 * same transaction as the high-water mark, so the block figures describe exactly the clumps
 * the index covers. Stored as 40 bytes: five u64 in the order of the fields.
 *
 * @param writes       non-empty blocks written, duplicates included
 * @param writtenBytes their bytes (the logical bytes written)
 * @param blocks       distinct blocks stored as clumps
 * @param rawBytes     the bytes of those blocks before compression
 * @param clumpBytes   the arena bytes of their clumps: header and stored (maybe compressed) bytes
 */
public record StoreCounts(long writes, long writtenBytes, long blocks, long rawBytes, long clumpBytes) {
    /** Bytes in an encoded record. */
    static final int SIZE = 40;
    /** The counts of an empty store. */
    public static final StoreCounts ZERO = new StoreCounts(0, 0, 0, 0, 0);

    /** These counts after a write of {@code length} bytes that stored nothing new. */
    StoreCounts plusDuplicate(int length) {
        return new StoreCounts(writes + 1, writtenBytes + length, blocks, rawBytes, clumpBytes);
    }

    /** These counts after a write that appended a clump of {@code clumpLength} bytes for a block of {@code rawSize}. */
    StoreCounts plusNewBlock(int rawSize, int clumpLength) {
        return new StoreCounts(writes + 1, writtenBytes + rawSize, blocks + 1, rawBytes + rawSize,
                clumpBytes + clumpLength);
    }

    /** Logical bytes written per distinct byte stored: how much deduplication saved (1 when nothing was written twice). */
    public double dedupRatio() {
        return rawBytes == 0 ? 1 : (double) writtenBytes / rawBytes;
    }

    /** Distinct bytes per arena byte of their clumps: what compression saved, less the clump headers. */
    public double compressionRatio() {
        return clumpBytes == 0 ? 1 : (double) rawBytes / clumpBytes;
    }

    /** Writes the 40 bytes at the buffer's position. */
    void encode(ByteBuffer out) {
        out.putLong(writes).putLong(writtenBytes).putLong(blocks).putLong(rawBytes).putLong(clumpBytes);
    }

    /**
     * Reads 40 bytes from the buffer's position.
     *
     * @throws FormatException when the value has the wrong size or a negative count
     */
    static StoreCounts decode(ByteBuffer in) throws FormatException {
        if (in.remaining() != SIZE) {
            throw new FormatException("the store's counts are " + SIZE + " bytes, not " + in.remaining());
        }
        StoreCounts c = new StoreCounts(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
        if (c.writes < 0 || c.writtenBytes < 0 || c.blocks < 0 || c.rawBytes < 0 || c.clumpBytes < 0) {
            throw new FormatException("the store's counts are negative: " + c);
        }
        return c;
    }
}

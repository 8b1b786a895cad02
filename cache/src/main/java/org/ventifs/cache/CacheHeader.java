package org.ventifs.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The single value of the {@code header} table (key {@code "header"}): the format's identity
 * and the cache-wide counters. Layout in docs/cache-format.md ("header").
 *
 * @param version the format version ({@link #VERSION})
 * @param blockSize bytes per dirty block, fixed at format time
 * @param capacity the LMDB map size in bytes, fixed at format time
 * @param generation the inode generation given to every inode
 * @param nextIno the next inode number to hand out (numbers are never reused)
 * @param epoch the epoch writers tag their changes with now
 * @param retiredEpoch the newest epoch retired into Venti (0 when none)
 */
record CacheHeader(int version, int blockSize, long capacity, int generation, long nextIno, long epoch,
                   long retiredEpoch) {
    /** The 8 bytes every header starts with. */
    static final byte[] MAGIC = "ventifsC".getBytes(StandardCharsets.US_ASCII);
    /** The format version this code reads and writes. */
    static final int VERSION = 1;
    /** The encoded size. */
    static final int SIZE = 52;
    /** The key of the header in its table. */
    static final byte[] KEY = "header".getBytes(StandardCharsets.US_ASCII);

    byte[] encode() {
        return ByteBuffer.allocate(SIZE).put(MAGIC).putInt(version).putInt(blockSize).putLong(capacity)
                .putInt(generation).putLong(nextIno).putLong(epoch).putLong(retiredEpoch).array();
    }

    /** Decodes a header. @throws CorruptRecordException when the bytes are not one (wrong magic, length) */
    static CacheHeader decode(byte[] bytes) {
        ByteBuffer in = Decoding.reader(bytes, SIZE, "cache header");
        byte[] magic = Decoding.take(in, MAGIC.length, "cache header magic");
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new CorruptRecordException("not a ventifs cache header (bad magic)");
        }
        CacheHeader h = new CacheHeader(in.getInt(), in.getInt(), in.getLong(), in.getInt(), in.getLong(),
                in.getLong(), in.getLong());
        Decoding.requireEnd(in, "cache header");
        return h;
    }

    CacheHeader withNextIno(long v) {
        return new CacheHeader(version, blockSize, capacity, generation, v, epoch, retiredEpoch);
    }

    CacheHeader withEpoch(long v) {
        return new CacheHeader(version, blockSize, capacity, generation, nextIno, v, retiredEpoch);
    }

    CacheHeader withRetiredEpoch(long v) {
        return new CacheHeader(version, blockSize, capacity, generation, nextIno, epoch, v);
    }
}

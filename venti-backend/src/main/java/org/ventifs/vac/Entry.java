package org.ventifs.vac;

import java.nio.ByteBuffer;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;

/**
 * The 40-byte head of one stream: its block sizes, tree depth, kind (data or
 * dir), length in bytes and the score of its top block. An inactive entry is an
 * unused slot: all zeros but {@code gen}.
 *
 * @param gen     bumped when a slot is reused (unsigned 32 bits)
 * @param psize   pointer block size in bytes
 * @param dsize   leaf block size in bytes
 * @param depth   levels of pointer blocks above the leaves (0..7)
 * @param dir     whether the leaves hold 40-byte entries rather than bytes
 * @param size    bytes in the stream (48 bits)
 * @param score   the top block of the stream's tree ({@link Score#ZERO} when empty)
 * @param active  whether the slot is in use
 */
public record Entry(int gen, int psize, int dsize, int depth, boolean dir, long size, Score score,
        boolean active) {
    /** Bytes in an encoded entry. */
    public static final int SIZE = 40;
    /** The largest stream size, 2^48 - 1 bytes. */
    public static final long MAX_SIZE = (1L << 48) - 1;
    /** The pointer block size plan9port's vac uses (409 pointers); ours too. */
    public static final int VAC_PSIZE = 8180;
    /** The data block size we write unless told otherwise. */
    public static final int DEFAULT_DSIZE = 8192;
    /** The smallest block size readers accept in an active entry. */
    public static final int MIN_BLOCK_SIZE = 256;

    static final int FLAG_ACTIVE = 0x01;
    static final int FLAG_DIR = 0x02;
    static final int DEPTH_SHIFT = 2;
    static final int DEPTH_MASK = 0x1C;
    /** Fossil's marker that plan9port's vac leaves set; readers ignore it. */
    static final int FLAG_LOCAL = 0x20;
    static final int FLAG_BIG = 0x40;

    /** Checks the fields of an active entry; an inactive one must be all zeros but gen. */
    public Entry {
        if (active) {
            if (psize < MIN_BLOCK_SIZE || dsize < MIN_BLOCK_SIZE) {
                throw new VacFormatException("entry block sizes must be at least 256 bytes, not psize "
                        + psize + " dsize " + dsize);
            }
            if (depth < 0 || depth > BlockType.MAX_DEPTH) {
                throw new VacFormatException("entry depth must be 0..7, not " + depth);
            }
            if (size < 0 || size > MAX_SIZE) {
                throw new VacFormatException("entry size must be 0..2^48-1, not " + size);
            }
            if (score == null) {
                throw new VacFormatException("an active entry needs a score");
            }
        } else if (psize != 0 || dsize != 0 || depth != 0 || dir || size != 0
                || (score != null && !score.isZero())) {
            throw new VacFormatException("an inactive entry holds nothing but gen");
        }
    }

    /** Returns the unused slot with generation {@code gen}. */
    public static Entry inactive(int gen) {
        return new Entry(gen, 0, 0, 0, false, 0, Score.ZERO, false);
    }

    /** Returns an active entry for an empty stream with the given block sizes. */
    public static Entry empty(int psize, int dsize, boolean dir) {
        return new Entry(0, psize, dsize, 0, dir, 0, Score.ZERO, true);
    }

    /** The type of this stream's top block: data or dir at level {@code depth}. */
    public BlockType topType() {
        return BlockType.ofStream(dir, depth);
    }

    /** The scores one pointer block holds ({@code psize / 20}). */
    public int pointersPerBlock() {
        return psize / Score.SIZE;
    }

    /** Returns this entry with another generation. */
    public Entry withGen(int newGen) {
        return new Entry(newGen, psize, dsize, depth, dir, size, score, active);
    }

    /**
     * Decodes the entry at {@code offset} of {@code buf}. The local and no-archive
     * flags are ignored, as the format asks.
     *
     * @throws VacFormatException when the bytes are not a valid entry
     */
    public static Entry decode(byte[] buf, int offset) {
        if (offset < 0 || offset + SIZE > buf.length) {
            throw new VacFormatException("an entry needs 40 bytes at offset " + offset
                    + " of a " + buf.length + "-byte buffer");
        }
        ByteBuffer b = ByteBuffer.wrap(buf, offset, SIZE);
        int gen = b.getInt();
        int psize = b.getShort() & 0xffff;
        int dsize = b.getShort() & 0xffff;
        int flags = b.get() & 0xff;
        b.position(b.position() + 5);
        long size = ((long) (b.getShort() & 0xffff) << 32) | (b.getInt() & 0xffffffffL);
        Score score = Score.fromBytes(buf, offset + 20);
        if ((flags & FLAG_ACTIVE) == 0) {
            return inactive(gen);
        }
        if ((flags & FLAG_BIG) != 0) {
            psize = BigSize.decode(psize);
            dsize = BigSize.decode(dsize);
        }
        int depth = (flags & DEPTH_MASK) >>> DEPTH_SHIFT;
        return new Entry(gen, psize, dsize, depth, (flags & FLAG_DIR) != 0, size, score, true);
    }

    /** Encodes this entry into the 40 bytes of {@code buf} at {@code offset}. */
    public void encode(byte[] buf, int offset) {
        ByteBuffer b = ByteBuffer.wrap(buf, offset, SIZE);
        b.putInt(gen);
        if (!active) {
            b.put(new byte[SIZE - 4]);
            return;
        }
        int flags = FLAG_ACTIVE | (dir ? FLAG_DIR : 0) | depth << DEPTH_SHIFT;
        int p = psize;
        int d = dsize;
        if (BigSize.needed(p) || BigSize.needed(d)) {
            flags |= FLAG_BIG;
            p = BigSize.encode(p);
            d = BigSize.encode(d);
        }
        b.putShort((short) p);
        b.putShort((short) d);
        b.put((byte) flags);
        b.put(new byte[5]);
        b.putShort((short) (size >>> 32));
        b.putInt((int) size);
        score.copyTo(buf, offset + 20);
    }

    /** Returns the 40 encoded bytes. */
    public byte[] encode() {
        byte[] buf = new byte[SIZE];
        encode(buf, 0);
        return buf;
    }
}

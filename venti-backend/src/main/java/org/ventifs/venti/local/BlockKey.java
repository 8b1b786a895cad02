package org.ventifs.venti.local;

import java.nio.ByteBuffer;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;

/**
 * What the store keys a block by: its score and its wire type. As the index's LMDB
 * key it is 21 bytes: {@code score[20] wireType[1]}.
 */
record BlockKey(Score score, int wireType) implements Comparable<BlockKey> {
    /** Bytes in an encoded key. */
    static final int SIZE = Score.SIZE + 1;

    BlockKey {
        if (wireType < 0 || wireType > 255) {
            throw new IllegalArgumentException("wire type must be 0..255, not " + wireType);
        }
    }

    /** The key of a block of {@code type}. */
    static BlockKey of(Score score, BlockType type) {
        return new BlockKey(score, type.wireNumber());
    }

    /** Writes the 21 key bytes at the buffer's position. */
    void encode(ByteBuffer out) {
        for (int i = 0; i < Score.SIZE; i++) {
            out.put(score.byteAt(i));
        }
        out.put((byte) wireType);
    }

    /** Reads 21 key bytes from the buffer's position. */
    static BlockKey decode(ByteBuffer in) throws FormatException {
        if (in.remaining() != SIZE) {
            throw new FormatException("an index key is " + SIZE + " bytes, not " + in.remaining());
        }
        byte[] s = new byte[Score.SIZE];
        in.get(s);
        return new BlockKey(Score.fromBytes(s), in.get() & 0xff);
    }

    /** The first 8 bytes of the encoded key as a long: compared unsigned, it orders keys as their first 8 bytes do. */
    long prefix() {
        long p = 0;
        for (int i = 0; i < 8; i++) {
            p = (p << 8) | (score.byteAt(i) & 0xff);
        }
        return p;
    }

    /** Orders keys as LMDB orders their encodings: score bytes unsigned, then type. */
    @Override
    public int compareTo(BlockKey o) {
        int c = score.compareTo(o.score);
        return c != 0 ? c : Integer.compare(wireType, o.wireType);
    }

    /** The key as {@code score/type}, the way errors name blocks. */
    @Override
    public String toString() {
        return score + "/" + wireType;
    }
}

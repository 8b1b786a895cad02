package org.ventifs.venti.local;

import java.nio.ByteBuffer;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.Score;

/**
 * The fixed header in front of every clump's data (see docs/store-format.md):
 * <pre>
 * magic[4]="VCLM" type[1] encoding[1] rawSize[2] storedSize[2] score[20] crc32c[4]
 * </pre>
 * {@code type} is the wire number; the CRC covers the 30 bytes before it.
 */
record ClumpHeader(int wireType, ClumpEncoding encoding, int rawSize, int storedSize, Score score) {
    /** Bytes in an encoded header. */
    static final int SIZE = 34;
    /** "VCLM": the first four bytes of every clump. */
    static final int MAGIC = 0x56434C4D;

    ClumpHeader {
        if (wireType < 0 || wireType > 255) {
            throw new IllegalArgumentException("wire type must be 0..255, not " + wireType);
        }
        if (rawSize < 1 || rawSize > BlockStore.MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("raw size must be 1.." + BlockStore.MAX_BLOCK_SIZE + ", not " + rawSize);
        }
        if (storedSize < 0 || storedSize > rawSize) {
            throw new IllegalArgumentException("stored size must be 0..raw size, not " + storedSize);
        }
        if (encoding == ClumpEncoding.RAW && storedSize != rawSize) {
            throw new IllegalArgumentException("a raw clump stores exactly its raw size");
        }
    }

    /** Bytes of the whole clump: header and stored data. */
    int clumpLength() {
        return SIZE + storedSize;
    }

    /** Writes the 34 header bytes at the buffer's position (a heap buffer). */
    void encode(ByteBuffer out) {
        int start = out.position();
        out.putInt(MAGIC);
        out.put((byte) wireType);
        out.put((byte) encoding.code());
        out.putShort((short) rawSize);
        out.putShort((short) storedSize);
        byte[] s = score.toBytes();
        out.put(s);
        HeaderChecksum.append(out, start, SIZE - 4);
    }

    /** Returns the 34 header bytes. */
    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(SIZE);
        encode(out);
        return out.array();
    }

    /**
     * Decodes the header at {@code offset} of {@code bytes}.
     *
     * @throws FormatException when the magic, the checksum or a field is wrong
     */
    static ClumpHeader decode(byte[] bytes, int offset) throws FormatException {
        ByteBuffer in = HeaderChecksum.checkFrame(bytes, offset, SIZE, MAGIC, "clump header");
        int type = in.get() & 0xff;
        ClumpEncoding encoding = ClumpEncoding.ofCode(in.get() & 0xff);
        int raw = in.getShort() & 0xffff;
        int stored = in.getShort() & 0xffff;
        Score score = Score.fromBytes(bytes, offset + 10);
        try {
            return new ClumpHeader(type, encoding, raw, stored, score);
        } catch (IllegalArgumentException e) {
            throw new FormatException("impossible clump header: " + e.getMessage());
        }
    }
}

package org.ventifs.venti.local;

import java.util.Arrays;
import org.ventifs.venti.Score;

/** Turns a block into a clump (header and stored bytes) and a clump's stored bytes back into the block. */
final class ClumpCodec {
    private ClumpCodec() {
    }

    /** A block ready to append: its header and the bytes to store after it. */
    record Encoded(ClumpHeader header, byte[] stored, int offset) {
    }

    /** Encodes {@code length} bytes of {@code data} (whose score is {@code score}) as a clump of {@code wireType}. */
    static Encoded encode(int wireType, Score score, byte[] data, int offset, int length) {
        return new Encoded(new ClumpHeader(wireType, ClumpEncoding.RAW, length, length, score), data, offset);
    }

    /**
     * Returns the block held by the {@code header.storedSize()} bytes of {@code stored} at {@code offset}.
     *
     * @throws FormatException when the stored bytes do not decode to {@code header.rawSize()} bytes
     */
    static byte[] decode(ClumpHeader header, byte[] stored, int offset) throws FormatException {
        switch (header.encoding()) {
            case RAW:
                return Arrays.copyOfRange(stored, offset, offset + header.storedSize());
            default:
                throw new FormatException("unknown clump encoding " + header.encoding());
        }
    }
}

package org.ventifs.venti.local;

import java.util.Arrays;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.Score;

/**
 * Turns a block into a clump (header and stored bytes) and a clump's stored bytes
 * back into the block. A block is stored LZ4-compressed when that saves space, as is
 * otherwise; the measurements behind the choice are in docs/store-format.md.
 */
final class ClumpCodec {
    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
    /** The bounds-checking decompressor: stored bytes may be damaged. */
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();
    private static final ThreadLocal<byte[]> SCRATCH =
            ThreadLocal.withInitial(() -> new byte[COMPRESSOR.maxCompressedLength(BlockStore.MAX_BLOCK_SIZE)]);

    private ClumpCodec() {
    }

    /** A block ready to append: its header and the {@code header.storedSize()} bytes at {@code offset} of {@code stored}. */
    record Encoded(ClumpHeader header, byte[] stored, int offset) {
    }

    /** Encodes {@code length} bytes of {@code data} (whose score is {@code score}) as a clump of {@code wireType}. */
    static Encoded encode(int wireType, Score score, byte[] data, int offset, int length) {
        byte[] scratch = SCRATCH.get();
        int compressed = COMPRESSOR.compress(data, offset, length, scratch, 0, scratch.length);
        if (compressed < length) {
            return new Encoded(new ClumpHeader(wireType, ClumpEncoding.LZ4, length, compressed, score),
                    Arrays.copyOf(scratch, compressed), 0);
        }
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
            case LZ4:
                byte[] block = new byte[header.rawSize()];
                int n;
                try {
                    n = DECOMPRESSOR.decompress(stored, offset, header.storedSize(), block, 0, block.length);
                } catch (LZ4Exception e) {
                    throw new FormatException("LZ4 data does not decode: " + e.getMessage());
                }
                if (n != block.length) {
                    throw new FormatException("LZ4 data decodes to " + n + " bytes, the header says " + block.length);
                }
                return block;
            default:
                throw new FormatException("unknown clump encoding " + header.encoding());
        }
    }
}

package org.ventifs.venti.local;

import java.nio.ByteBuffer;
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
    /** Each thread's buffer for one compressed block, used by {@link #encodeForAppend}. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(ClumpCodec::newScratch);
    /** Each thread's buffer for one decompressed block, used by {@link #holds}. */
    private static final ThreadLocal<byte[]> DECODED = ThreadLocal.withInitial(
            () -> new byte[BlockStore.MAX_BLOCK_SIZE]);

    private ClumpCodec() {
    }

    /** A block ready to append: its header and the {@code header.storedSize()} bytes at {@code offset} of {@code stored}. */
    record Encoded(ClumpHeader header, byte[] stored, int offset) {
    }

    /** Encodes {@code length} bytes of {@code data} (whose score is {@code score}) as a clump of {@code wireType}. */
    static Encoded encode(int wireType, Score score, byte[] data, int offset, int length) {
        return encode(wireType, score, data, offset, length, newScratch());
    }

    /**
     * As {@link #encode}, compressing into this thread's buffer rather than a new array:
     * the result is good until this thread's next call, long enough to append it.
     */
    static Encoded encodeForAppend(int wireType, Score score, byte[] data, int offset, int length) {
        return encode(wireType, score, data, offset, length, SCRATCH.get());
    }

    private static Encoded encode(int wireType, Score score, byte[] data, int offset, int length, byte[] scratch) {
        int compressed = COMPRESSOR.compress(data, offset, length, scratch, 0, scratch.length);
        if (compressed < length) {
            return new Encoded(new ClumpHeader(wireType, ClumpEncoding.LZ4, length, compressed, score), scratch, 0);
        }
        return new Encoded(new ClumpHeader(wireType, ClumpEncoding.RAW, length, length, score), data, offset);
    }

    private static byte[] newScratch() {
        return new byte[COMPRESSOR.maxCompressedLength(BlockStore.MAX_BLOCK_SIZE)];
    }

    /**
     * Whether the {@code header.storedSize()} bytes of {@code stored} from its position
     * hold exactly {@code length} bytes of {@code data} at {@code offset}. Allocates nothing.
     *
     * @throws FormatException when the stored bytes do not decode to {@code header.rawSize()} bytes
     */
    static boolean holds(ClumpHeader header, ByteBuffer stored, byte[] data, int offset, int length)
            throws FormatException {
        if (header.rawSize() != length) {
            return false;
        }
        ByteBuffer bytes = stored.slice(stored.position(), header.storedSize());
        switch (header.encoding()) {
            case RAW:
                return bytes.mismatch(ByteBuffer.wrap(data, offset, length)) < 0;
            case LZ4:
                byte[] block = DECODED.get();
                int n;
                try {
                    n = DECOMPRESSOR.decompress(bytes, 0, bytes.remaining(), ByteBuffer.wrap(block), 0, length);
                } catch (LZ4Exception e) {
                    throw new FormatException("LZ4 data does not decode: " + e.getMessage());
                }
                if (n != length) {
                    throw new FormatException("LZ4 data decodes to " + n + " bytes, the header says " + length);
                }
                return Arrays.equals(block, 0, length, data, offset, offset + length);
            default:
                throw new FormatException("unknown clump encoding " + header.encoding());
        }
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

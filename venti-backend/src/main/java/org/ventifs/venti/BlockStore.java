package org.ventifs.venti;

import java.io.Closeable;
import java.io.IOException;

/**
 * The Venti block store contract, as small as Plan 9's: write, read, sync.
 * Blocks are keyed by (score, wire type). Implementations are thread-safe.
 *
 * <p>{@link #put} and {@link #get} move exact bytes, as the wire protocol does;
 * {@link #write} and {@link #read} add zero truncation and padding, which is what
 * the file-system layers above want.
 */
public interface BlockStore extends Closeable {
    /** The largest block, 56 KiB. */
    int MAX_BLOCK_SIZE = 57344;

    /**
     * Stores exactly {@code length} bytes of {@code data} as a block of {@code type}
     * and returns their SHA-1. An empty block is the zero score and stores nothing.
     * A block already present stores nothing, after its bytes are compared with the
     * stored ones.
     *
     * @throws BlockTooLargeException when {@code length} exceeds {@link #MAX_BLOCK_SIZE}
     * @throws ScoreCollisionException when the score exists with different bytes
     * @throws IOException when the store cannot take the block
     */
    Score put(BlockType type, byte[] data, int offset, int length) throws IOException;

    /**
     * Returns the exact bytes stored for ({@code score}, {@code type}); the zero
     * score returns an empty array without asking the store.
     *
     * @throws NoSuchBlockException when no such block exists
     * @throws CorruptBlockException when the stored bytes do not hash to {@code score}
     */
    byte[] get(Score score, BlockType type) throws IOException;

    /** Returns only when every earlier put is durable. */
    void sync() throws IOException;

    /**
     * Zero-truncates {@code data} for {@code type} and stores it.
     *
     * @return the score of the truncated bytes ({@link Score#ZERO} when nothing remains)
     */
    default Score write(BlockType type, byte[] data) throws IOException {
        return write(type, data, 0, data.length);
    }

    /** As {@link #write(BlockType, byte[])}, for a slice of {@code data}. */
    default Score write(BlockType type, byte[] data, int offset, int length) throws IOException {
        if (length > MAX_BLOCK_SIZE) {
            throw new BlockTooLargeException(length);
        }
        int kept = ZeroTruncation.truncatedLength(type, data, offset, length);
        return kept == 0 ? Score.ZERO : put(type, data, offset, kept);
    }

    /**
     * Reads a block that should hold at most {@code size} bytes, without padding it.
     *
     * @throws IOException as {@link #get}, or when the stored block is larger than {@code size}
     */
    default byte[] readAtMost(Score score, BlockType type, int size) throws IOException {
        byte[] stored = get(score, type);
        if (stored.length > size) {
            throw new IOException("block " + score + " holds " + stored.length
                    + " bytes, more than the " + size + " expected");
        }
        return stored;
    }

    /**
     * Reads a block and pads it to {@code size} bytes (zero bytes, or zero scores
     * for pointer blocks).
     *
     * @throws IOException as {@link #readAtMost}
     */
    default byte[] read(Score score, BlockType type, int size) throws IOException {
        return ZeroTruncation.pad(type, readAtMost(score, type, size), size);
    }
}

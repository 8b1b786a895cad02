package org.ventifs.cli;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * The benchmark's incompressible blocks, made on demand so that a run of any size
 * needs little memory: block {@code i} is a slice of a pool of random bytes, stamped
 * with a per-run nonce and {@code i} so that every block is new to the store.
 */
final class BenchmarkBlocks {
    private static final int POOL = 32 << 20;

    private final byte[] pool = new byte[POOL];
    private final long nonce;
    private final int blockSize;

    BenchmarkBlocks(int blockSize, long nonce) {
        this.blockSize = blockSize;
        this.nonce = nonce;
        SplittableRandom rnd = new SplittableRandom(nonce ^ blockSize);
        ByteBuffer b = ByteBuffer.wrap(pool);
        while (b.remaining() >= 8) {
            b.putLong(rnd.nextLong());
        }
    }

    int blockSize() {
        return blockSize;
    }

    /** Fills {@code out} (of {@link #blockSize} bytes) with block {@code i}. */
    void fill(long i, byte[] out) {
        // A stride that is not a multiple of common sizes spreads the slices over the pool.
        int start = (int) ((i * 7919L * 64L) % (POOL - blockSize));
        System.arraycopy(pool, start, out, 0, blockSize);
        ByteBuffer.wrap(out).putLong(nonce).putLong(i);
    }
}

package org.ventifs.cache;

import java.io.IOException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.Txn;

/**
 * The bytes the write path leaves in the {@code blocks} table (docs/cache-format.md,
 * "blocks"): the epoch, then the block with trailing zeros removed, whether a write covers a
 * whole block or part of one, and after truncation.
 */
class StoredBlockTest {
    private static final int BLOCK = 4096;

    @TempDir
    Path dir;
    private Cache cache;
    private long ino;

    @BeforeEach
    void open() throws Exception {
        Cache.format(dir, 64 << 20, BLOCK, 0, 0);
        cache = Cache.open(dir, null);
        ino = cache.create(Cache.ROOT, "f", 0644, 0, 0).ino();
    }

    @AfterEach
    void close() throws Exception {
        cache.close();
    }

    @Test
    void partialWritesKeepTheBlockTrimmed() throws Exception {
        cache.write(ino, 10, bytes(1, 5), 0, 5);
        assertStored(0, block(10, bytes(1, 5)), 15);
        cache.write(ino, 100, bytes(9, 3), 0, 3);
        assertStored(0, overlay(block(10, bytes(1, 5)), 100, bytes(9, 3)), 103);
        cache.write(ino, 100, new byte[3], 0, 3); // zeros over the tail: trimmed back
        assertStored(0, block(10, bytes(1, 5)), 15);
        cache.write(ino, 0, new byte[2], 0, 2); // zeros in the middle stay
        assertStored(0, block(10, bytes(1, 5)), 15);
    }

    @Test
    void wholeBlockWritesAreTrimmedAndZeroBlocksTakeOnlyTheEpoch() throws Exception {
        byte[] data = new byte[2 * BLOCK];
        new Random(3).nextBytes(data);
        Arrays.fill(data, BLOCK - 300, BLOCK, (byte) 0);
        Arrays.fill(data, BLOCK, 2 * BLOCK, (byte) 0);
        cache.write(ino, 0, data, 0, data.length);
        assertStored(0, Arrays.copyOf(data, BLOCK), BLOCK - 300);
        assertStored(1, new byte[BLOCK], 0);
        byte[] back = new byte[data.length];
        assertEquals(data.length, cache.read(ino, 0, back, 0, back.length));
        assertArrayEquals(data, back);
    }

    @Test
    void aWriteSpanningBlocksRewritesEachOnce() throws Exception {
        cache.write(ino, BLOCK - 2, bytes(1, 2 * BLOCK), 0, 2 * BLOCK);
        cache.write(ino, BLOCK + 5, bytes(50, 3 * BLOCK), 0, BLOCK);
        byte[] expected = new byte[3 * BLOCK];
        System.arraycopy(bytes(1, 2 * BLOCK), 0, expected, BLOCK - 2, 2 * BLOCK);
        System.arraycopy(bytes(50, 3 * BLOCK), 0, expected, BLOCK + 5, BLOCK);
        for (int b = 0; b < 3; b++) {
            byte[] one = Arrays.copyOfRange(expected, b * BLOCK, (b + 1) * BLOCK);
            assertStored(b, one, trimmedLength(one));
        }
        byte[] back = new byte[expected.length];
        cache.read(ino, 0, back, 0, back.length);
        assertArrayEquals(Arrays.copyOf(expected, BLOCK * 3 - 2), Arrays.copyOf(back, BLOCK * 3 - 2));
    }

    @Test
    void truncationInsideABlockTrimsItsTail() throws Exception {
        cache.write(ino, 0, bytes(1, BLOCK + 100), 0, BLOCK + 100);
        cache.setattr(ino, AttrChange.none().withSize(BLOCK + 40));
        assertStored(1, block(0, Arrays.copyOfRange(bytes(1, BLOCK + 100), BLOCK, BLOCK + 40)), 40);
        cache.setattr(ino, AttrChange.none().withSize(BLOCK));
        assertNull(stored(1));
    }

    private void assertStored(long blockNo, byte[] block, int length) throws IOException {
        byte[] value = stored(blockNo);
        byte[] expected = ByteBuffer.allocate(8 + length).putLong(1).put(block, 0, length).array();
        assertArrayEquals(expected, value, "stored bytes of block " + blockNo);
    }

    private byte[] stored(long blockNo) throws IOException {
        try (Txn<ByteBuffer> txn = cache.environment().env.txnRead()) {
            return cache.environment().blocks.get(txn, new BlockKey(ino, blockNo).encode());
        }
    }

    /** {@code n} bytes counting up from {@code first}, none zero. */
    private static byte[] bytes(int first, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (1 + (first + i) % 250);
        }
        return out;
    }

    private static byte[] block(int at, byte[] data) {
        return overlay(new byte[BLOCK], at, data);
    }

    private static byte[] overlay(byte[] block, int at, byte[] data) {
        byte[] out = block.clone();
        System.arraycopy(data, 0, out, at, data.length);
        return out;
    }

    private static int trimmedLength(byte[] block) {
        int n = block.length;
        while (n > 0 && block[n - 1] == 0) {
            n--;
        }
        return n;
    }
}

package org.ventifs.venti;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ZeroTruncationTest {
    @Test
    void leavesDropTrailingZeroBytes() {
        byte[] data = {1, 0, 2, 0, 0, 0};
        assertEquals(3, ZeroTruncation.truncatedLength(BlockType.DATA, data, 0, data.length));
        assertEquals(3, ZeroTruncation.truncatedLength(BlockType.DIR, data, 0, data.length));
        assertEquals(0, ZeroTruncation.truncatedLength(BlockType.DATA, new byte[8192], 0, 8192));
    }

    @Test
    void theLastNonZeroByteAnywhereInASliceEndsIt() {
        for (int offset : new int[] {0, 3}) {
            for (int last = -1; last < 40; last++) {
                byte[] data = new byte[offset + 40 + 5];
                java.util.Arrays.fill(data, (byte) 9); // bytes outside the slice must not count
                java.util.Arrays.fill(data, offset, offset + 40, (byte) 0);
                if (last >= 0) {
                    data[offset + last] = 1;
                    data[offset] = (byte) (last > 0 ? 2 : 1);
                }
                assertEquals(last + 1, ZeroTruncation.truncatedLength(BlockType.DATA, data, offset, 40),
                        "offset " + offset + ", last non-zero byte " + last);
            }
        }
    }

    @Test
    void rootIsNeverTruncated() {
        assertEquals(300, ZeroTruncation.truncatedLength(BlockType.ROOT, new byte[300], 0, 300));
    }

    @Test
    void pointersDropTrailingZeroScoresNotZeroBytes() {
        byte[] block = new byte[4 * Score.SIZE];
        Score a = Score.of(new byte[] {7});
        a.copyTo(block, 0);
        // slot 1 holds 20 zero bytes, which is not the zero score: it stays
        Score.ZERO.copyTo(block, 40);
        Score.ZERO.copyTo(block, 60);
        assertEquals(40, ZeroTruncation.truncatedLength(BlockType.DATA_POINTER_1, block, 0, block.length));
        assertEquals(40, ZeroTruncation.truncatedLength(BlockType.DIR_POINTER_3, block, 0, block.length));
    }

    @Test
    void aPointerBlockWithAPartSlotKeepsEveryByte() {
        byte[] block = new byte[2 * Score.SIZE + 3];
        Score.ZERO.copyTo(block, 20);
        block[42] = 7;
        assertEquals(block.length, ZeroTruncation.truncatedLength(BlockType.DATA_POINTER_1, block, 0, block.length));
    }

    @Test
    void padRestoresZeroBytesOrZeroScores() {
        byte[] leaf = ZeroTruncation.pad(BlockType.DATA, new byte[] {5}, 4);
        assertArrayEquals(new byte[] {5, 0, 0, 0}, leaf);
        Score a = Score.of(new byte[] {9});
        byte[] ptr = ZeroTruncation.pad(BlockType.DATA_POINTER_2, a.toBytes(), 60);
        assertEquals(a, Score.fromBytes(ptr, 0));
        assertEquals(Score.ZERO, Score.fromBytes(ptr, 20));
        assertEquals(Score.ZERO, Score.fromBytes(ptr, 40));
        assertThrows(IllegalArgumentException.class, () -> ZeroTruncation.pad(BlockType.DATA, new byte[5], 4));
    }
}

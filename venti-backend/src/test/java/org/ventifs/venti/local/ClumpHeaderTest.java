package org.ventifs.venti.local;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.Score;

class ClumpHeaderTest {
    private static final Score SCORE = Score.parse("0102030405060708090a0b0c0d0e0f1011121314");

    @Test
    void goldenBytes() throws FormatException {
        ClumpHeader h = new ClumpHeader(13, ClumpEncoding.LZ4, 8192, 300, SCORE);
        byte[] expected = new GoldenBytes()
                .hex("56434c4d")            // magic "VCLM"
                .hex("0d")                  // wire type 13 (data)
                .hex("01")                  // encoding 1 (LZ4)
                .hex("2000")                // raw size 8192
                .hex("012c")                // stored size 300
                .hex("0102030405060708090a0b0c0d0e0f1011121314")
                .crc()
                .bytes();
        assertEquals(ClumpHeader.SIZE, expected.length);
        assertArrayEquals(expected, h.encode());
        assertEquals(h, ClumpHeader.decode(expected, 0));
        assertEquals(ClumpHeader.SIZE + 300, h.clumpLength());
    }

    @Test
    void roundTripsRandomHeaders() throws FormatException {
        Random rnd = new Random(1);
        for (int i = 0; i < 2000; i++) {
            byte[] s = new byte[20];
            rnd.nextBytes(s);
            int raw = 1 + rnd.nextInt(BlockStore.MAX_BLOCK_SIZE);
            boolean lz4 = rnd.nextBoolean();
            ClumpHeader h = new ClumpHeader(rnd.nextInt(256), lz4 ? ClumpEncoding.LZ4 : ClumpEncoding.RAW, raw,
                    lz4 ? rnd.nextInt(raw) : raw, Score.fromBytes(s));
            byte[] framed = new byte[5 + ClumpHeader.SIZE];
            System.arraycopy(h.encode(), 0, framed, 5, ClumpHeader.SIZE);
            assertEquals(h, ClumpHeader.decode(framed, 5));
        }
    }

    @Test
    void everyDamagedByteIsRejected() {
        byte[] good = new ClumpHeader(2, ClumpEncoding.RAW, 40, 40, SCORE).encode();
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 1;
            assertThrows(FormatException.class, () -> ClumpHeader.decode(bad, 0), "byte " + i);
        }
        assertThrows(FormatException.class, () -> ClumpHeader.decode(java.util.Arrays.copyOf(good, 33), 0));
    }

    @Test
    void impossibleFieldsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ClumpHeader(13, ClumpEncoding.RAW, 0, 0, SCORE));
        assertThrows(IllegalArgumentException.class,
                () -> new ClumpHeader(13, ClumpEncoding.RAW, BlockStore.MAX_BLOCK_SIZE + 1, 1, SCORE));
        assertThrows(IllegalArgumentException.class, () -> new ClumpHeader(13, ClumpEncoding.RAW, 10, 9, SCORE));
        assertThrows(IllegalArgumentException.class, () -> new ClumpHeader(13, ClumpEncoding.LZ4, 10, 11, SCORE));
    }
}

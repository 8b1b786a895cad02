package org.ventifs.venti.local;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ArenaHeaderTest {
    @Test
    void goldenBytes() throws FormatException {
        byte[] expected = new GoldenBytes()
                .hex("5641524e")            // magic "VARN"
                .hex("0001")                // version 1
                .hex("0000")                // reserved
                .hex("00000007")            // arena 7
                .hex("0000000020000000")    // capacity 512 MiB
                .crc()
                .bytes();
        assertEquals(ArenaHeader.SIZE, expected.length);
        ArenaHeader h = new ArenaHeader(7, 512L << 20);
        assertArrayEquals(expected, h.encode());
        assertEquals(h, ArenaHeader.decode(expected));
    }

    @Test
    void roundTripsRandomHeaders() throws FormatException {
        Random rnd = new Random(2);
        for (int i = 0; i < 1000; i++) {
            ArenaHeader h = new ArenaHeader(rnd.nextInt(Integer.MAX_VALUE),
                    LocalVentiConfig.MIN_ARENA_CAPACITY + (rnd.nextLong() >>> 2));
            assertEquals(h, ArenaHeader.decode(h.encode()));
        }
    }

    @Test
    void damagedOrShortHeadersAreRejected() {
        byte[] good = new ArenaHeader(3, 1 << 20).encode();
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            assertThrows(FormatException.class, () -> ArenaHeader.decode(bad), "byte " + i);
        }
        assertThrows(FormatException.class, () -> ArenaHeader.decode(new byte[10]));
    }
}

package org.ventifs.venti.local;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ArenaTrailerTest {
    @Test
    void goldenBytes() throws FormatException {
        byte[] expected = new GoldenBytes()
                .hex("5653454c")            // magic "VSEL"
                .hex("00000102")            // 258 clumps
                .hex("000000001fffff00")    // data ends at 0x1fffff00
                .hex("cafef00d")            // CRC-32C of the arena before the trailer
                .crc()
                .bytes();
        assertEquals(ArenaTrailer.SIZE, expected.length);
        ArenaTrailer t = new ArenaTrailer(258, 0x1fffff00L, 0xcafef00d);
        assertArrayEquals(expected, t.encode());
        assertEquals(t, ArenaTrailer.decode(expected, 0));
    }

    @Test
    void roundTripsRandomTrailers() throws FormatException {
        Random rnd = new Random(3);
        for (int i = 0; i < 1000; i++) {
            ArenaTrailer t = new ArenaTrailer(rnd.nextInt(Integer.MAX_VALUE),
                    ArenaHeader.SIZE + (rnd.nextLong() >>> 2), rnd.nextInt());
            assertEquals(t, ArenaTrailer.decode(t.encode(), 0));
        }
    }

    @Test
    void damagedTrailersAreRejected() {
        byte[] good = new ArenaTrailer(1, 100, 5).encode();
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            assertThrows(FormatException.class, () -> ArenaTrailer.decode(bad, 0), "byte " + i);
        }
    }
}

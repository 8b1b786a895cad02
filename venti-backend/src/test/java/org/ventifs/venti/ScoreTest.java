package org.ventifs.venti;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScoreTest {
    @Test
    void zeroScoreIsSha1OfNothing() {
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", Score.ZERO.toString());
        assertTrue(Score.ZERO.isZero());
    }

    @Test
    void scoreOfKnownText() {
        Score s = Score.of("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", s.toString());
        assertFalse(s.isZero());
    }

    @Test
    void parseAcceptsHexInEitherCaseAndTheVacPrefix() {
        Score s = Score.parse("A9993E364706816ABA3E25717850C26C9CD0D89D");
        assertEquals(s, Score.parse("vac:a9993e364706816aba3e25717850c26c9cd0d89d"));
        assertEquals(s.hashCode(), Score.parse(s.toString()).hashCode());
    }

    @Test
    void parseRejectsWrongLengthAndNonHex() {
        assertThrows(IllegalArgumentException.class, () -> Score.parse("abc"));
        assertThrows(IllegalArgumentException.class,
                () -> Score.parse("zz993e364706816aba3e25717850c26c9cd0d89d"));
    }

    @Test
    void bytesRoundTripAndCopiesAreIndependent() {
        Score s = Score.of(new byte[] {1, 2, 3});
        byte[] raw = s.toBytes();
        raw[0] ^= 1;
        assertNotEquals(s, Score.fromBytes(raw));
        raw[0] ^= 1;
        assertEquals(s, Score.fromBytes(raw));
        byte[] buf = new byte[30];
        s.copyTo(buf, 7);
        assertTrue(s.matches(buf, 7));
        assertEquals(s, Score.fromBytes(buf, 7));
        assertThrows(IllegalArgumentException.class, () -> Score.fromBytes(buf, 11));
    }

    @Test
    void ordersUnsigned() {
        byte[] lo = new byte[20];
        byte[] hi = new byte[20];
        hi[0] = (byte) 0x80;
        assertTrue(Score.fromBytes(lo).compareTo(Score.fromBytes(hi)) < 0);
    }
}

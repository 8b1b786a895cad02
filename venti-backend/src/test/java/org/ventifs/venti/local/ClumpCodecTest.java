package org.ventifs.venti.local;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ventifs.venti.Score;

class ClumpCodecTest {
    @Test
    void compressibleBlocksAreStoredLz4AndDecodeBack() throws FormatException {
        byte[] text = "the same words again and again, ".repeat(256).getBytes(StandardCharsets.US_ASCII);
        ClumpCodec.Encoded e = ClumpCodec.encode(13, Score.of(text), text, 0, text.length);
        assertEquals(ClumpEncoding.LZ4, e.header().encoding());
        assertTrue(e.header().storedSize() < text.length / 10, "stored " + e.header().storedSize());
        assertArrayEquals(text, ClumpCodec.decode(e.header(), e.stored(), e.offset()));
    }

    @Test
    void incompressibleBlocksAreStoredRaw() throws FormatException {
        byte[] noise = new byte[8192];
        new Random(5).nextBytes(noise);
        ClumpCodec.Encoded e = ClumpCodec.encode(13, Score.of(noise), noise, 0, noise.length);
        assertEquals(ClumpEncoding.RAW, e.header().encoding());
        assertEquals(noise.length, e.header().storedSize());
        assertArrayEquals(noise, ClumpCodec.decode(e.header(), e.stored(), e.offset()));
    }

    @Test
    void damagedLz4DataIsAFormatErrorNotWrongBytes() {
        byte[] text = "abcabcabcabc-".repeat(500).getBytes(StandardCharsets.US_ASCII);
        ClumpCodec.Encoded e = ClumpCodec.encode(13, Score.of(text), text, 0, text.length);
        byte[] cut = java.util.Arrays.copyOf(e.stored(), e.header().storedSize());
        ClumpHeader longer = new ClumpHeader(13, ClumpEncoding.LZ4, text.length + 5, cut.length, Score.of(text));
        assertThrows(FormatException.class, () -> ClumpCodec.decode(longer, cut, 0));
        byte[] garbage = new byte[cut.length];
        java.util.Arrays.fill(garbage, (byte) 0xff);
        assertThrows(FormatException.class, () -> ClumpCodec.decode(e.header(), garbage, 0));
    }
}

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

    @Test
    void holdsComparesTheDecodedBytesOfEitherEncodingWithoutAllocatingTheBlock() throws FormatException {
        byte[] text = "the same words again and again, ".repeat(200).getBytes(StandardCharsets.US_ASCII);
        byte[] noise = new byte[5000];
        new Random(6).nextBytes(noise);
        for (byte[] block : new byte[][] {text, noise}) {
            ClumpCodec.Encoded e = ClumpCodec.encode(13, Score.of(block), block, 0, block.length);
            for (boolean direct : new boolean[] {false, true}) {
                java.nio.ByteBuffer stored = direct ? java.nio.ByteBuffer.allocateDirect(e.header().storedSize() + 3)
                        : java.nio.ByteBuffer.allocate(e.header().storedSize() + 3);
                stored.put(new byte[3]).put(e.stored(), e.offset(), e.header().storedSize()).flip().position(3);
                byte[] framed = new byte[block.length + 7];
                System.arraycopy(block, 0, framed, 7, block.length);
                assertTrue(ClumpCodec.holds(e.header(), stored, framed, 7, block.length));
                assertEquals(3, stored.position(), "holds leaves the buffer where it was");
                byte[] other = block.clone();
                other[block.length / 2] ^= 1;
                assertFalse(ClumpCodec.holds(e.header(), stored, other, 0, other.length));
                assertFalse(ClumpCodec.holds(e.header(), stored, block, 0, block.length - 1));
            }
        }
        ClumpCodec.Encoded e = ClumpCodec.encode(13, Score.of(text), text, 0, text.length);
        byte[] garbage = new byte[e.header().storedSize()];
        java.util.Arrays.fill(garbage, (byte) 0xff);
        assertThrows(FormatException.class,
                () -> ClumpCodec.holds(e.header(), java.nio.ByteBuffer.wrap(garbage), text, 0, text.length));
    }

    @Test
    void encodingForAppendGivesTheSameClumpInTheThreadsBuffer() {
        byte[] text = "abcabcabcabc-".repeat(500).getBytes(StandardCharsets.US_ASCII);
        ClumpCodec.Encoded fresh = ClumpCodec.encode(13, Score.of(text), text, 0, text.length);
        ClumpCodec.Encoded reused = ClumpCodec.encodeForAppend(13, Score.of(text), text, 0, text.length);
        assertEquals(fresh.header(), reused.header());
        assertArrayEquals(java.util.Arrays.copyOf(fresh.stored(), fresh.header().storedSize()),
                java.util.Arrays.copyOf(reused.stored(), reused.header().storedSize()));
        assertSame(reused.stored(), ClumpCodec.encodeForAppend(13, Score.of(text), text, 0, text.length).stored());
    }
}

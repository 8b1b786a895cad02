package org.ventifs.venti.local;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;

/** The LMDB key and value layouts: BlockKey, ClumpAddress, HighWaterMark. */
class IndexRecordsTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] encode(java.util.function.Consumer<ByteBuffer> encoder, int size) {
        ByteBuffer b = ByteBuffer.allocate(size);
        encoder.accept(b);
        assertEquals(size, b.position());
        return b.array();
    }

    @Test
    void blockKeyGoldenBytes() throws FormatException {
        BlockKey k = BlockKey.of(Score.parse("da39a3ee5e6b4b0d3255bfef95601890afd80709"), BlockType.DIR_POINTER_3);
        byte[] expected = HEX.parseHex("da39a3ee5e6b4b0d3255bfef95601890afd80709" + "05");
        assertArrayEquals(expected, encode(k::encode, BlockKey.SIZE));
        assertEquals(k, BlockKey.decode(ByteBuffer.wrap(expected)));
    }

    @Test
    void clumpAddressGoldenBytes() throws FormatException {
        ClumpAddress a = new ClumpAddress(2, 0x123456789aL, 8226);
        byte[] expected = HEX.parseHex("00000002" + "000000123456789a" + "00002022");
        assertArrayEquals(expected, encode(a::encode, ClumpAddress.SIZE));
        assertEquals(a, ClumpAddress.decode(ByteBuffer.wrap(expected)));
        assertEquals(0x123456789aL + 8226, a.end());
    }

    @Test
    void highWaterMarkGoldenBytes() throws FormatException {
        HighWaterMark m = new HighWaterMark(9, 1 << 20);
        byte[] expected = HEX.parseHex("00000009" + "0000000000100000");
        assertArrayEquals(expected, encode(m::encode, HighWaterMark.SIZE));
        assertEquals(m, HighWaterMark.decode(ByteBuffer.wrap(expected)));
    }

    @Test
    void randomRecordsRoundTrip() throws FormatException {
        Random rnd = new Random(4);
        for (int i = 0; i < 1000; i++) {
            byte[] s = new byte[20];
            rnd.nextBytes(s);
            BlockKey k = new BlockKey(Score.fromBytes(s), rnd.nextInt(256));
            assertEquals(k, BlockKey.decode(ByteBuffer.wrap(encode(k::encode, BlockKey.SIZE))));
            ClumpAddress a = new ClumpAddress(rnd.nextInt(Integer.MAX_VALUE), ArenaHeader.SIZE + (rnd.nextLong() >>> 2),
                    ClumpHeader.SIZE + 1 + rnd.nextInt(org.ventifs.venti.BlockStore.MAX_BLOCK_SIZE));
            assertEquals(a, ClumpAddress.decode(ByteBuffer.wrap(encode(a::encode, ClumpAddress.SIZE))));
            HighWaterMark m = new HighWaterMark(rnd.nextInt(Integer.MAX_VALUE), ArenaHeader.SIZE + (rnd.nextLong() >>> 2));
            assertEquals(m, HighWaterMark.decode(ByteBuffer.wrap(encode(m::encode, HighWaterMark.SIZE))));
        }
    }

    @Test
    void keysOrderAsTheirEncodingsDo() {
        Random rnd = new Random(5);
        for (int i = 0; i < 1000; i++) {
            byte[] s = new byte[20];
            rnd.nextBytes(s);
            BlockKey a = new BlockKey(Score.fromBytes(s), rnd.nextInt(256));
            if (rnd.nextBoolean()) {
                s[19 - rnd.nextInt(3)] ^= (byte) (1 << rnd.nextInt(8));
            }
            BlockKey b = new BlockKey(Score.fromBytes(s), rnd.nextInt(256));
            int byBytes = java.util.Arrays.compareUnsigned(encode(a::encode, BlockKey.SIZE), encode(b::encode, BlockKey.SIZE));
            assertEquals(Integer.signum(byBytes), Integer.signum(a.compareTo(b)), a + " vs " + b);
            int byPrefix = java.util.Arrays.compareUnsigned(encode(a::encode, BlockKey.SIZE), 0, 8,
                    encode(b::encode, BlockKey.SIZE), 0, 8);
            assertEquals(Integer.signum(byPrefix), Integer.signum(Long.compareUnsigned(a.prefix(), b.prefix())));
        }
    }

    @Test
    void wrongSizesAndImpossibleValuesAreRejected() {
        assertThrows(FormatException.class, () -> BlockKey.decode(ByteBuffer.allocate(20)));
        assertThrows(FormatException.class, () -> ClumpAddress.decode(ByteBuffer.allocate(15)));
        assertThrows(FormatException.class, () -> ClumpAddress.decode(ByteBuffer.allocate(16)));
        ByteBuffer tooLong = ByteBuffer.allocate(16).putInt(0).putLong(100).putInt(ClumpHeader.SIZE + 57345).flip();
        assertThrows(FormatException.class, () -> ClumpAddress.decode(tooLong));
        assertThrows(FormatException.class, () -> HighWaterMark.decode(ByteBuffer.allocate(12)));
    }
}

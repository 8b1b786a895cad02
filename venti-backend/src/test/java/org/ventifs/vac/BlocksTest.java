package org.ventifs.vac;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;
import org.ventifs.venti.ZeroTruncation;

/** Pointer blocks and dir blocks. */
class BlocksTest {
    private static Score filled(String hexByte) {
        return Score.fromBytes(Hex.bytes(Hex.repeat(hexByte, 20)));
    }

    @Test
    void pointerBlockGoldenBytes() {
        PointerBlock block = new PointerBlock(List.of(filled("aa"), filled("bb"), Score.ZERO));
        byte[] golden = Hex.bytes(Hex.repeat("aa", 20) + Hex.repeat("bb", 20)
                + "da39a3ee5e6b4b0d3255bfef95601890afd80709" + "0000");
        assertArrayEquals(golden, block.encode(62));
        assertEquals(block, PointerBlock.decode(golden, 62));
        assertThrows(VacFormatException.class, () -> PointerBlock.decode(new byte[10], 62));
    }

    @Test
    void dirBlockGoldenBytes() {
        Entry a = new Entry(1, 8180, 8192, 0, false, 3, filled("aa"), true);
        DirBlock block = new DirBlock(List.of(a, Entry.inactive(2)));
        byte[] golden = Hex.bytes("00000001 1ff4 2000 01 0000000000 000000000003" + Hex.repeat("aa", 20)
                + "00000002" + Hex.repeat("00", 36) + Hex.repeat("00", 20));
        assertArrayEquals(golden, block.encode(100));
        assertEquals(block, DirBlock.decode(golden, 2));
        assertEquals(204, DirBlock.entriesPerBlock(8192));
        assertThrows(VacFormatException.class, () -> DirBlock.decode(golden, 3));
    }

    @Test
    void randomPointerBlocksRoundTripAndTruncateAsTheStoreDoes() {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            int psize = 256 + random.nextInt(8000);
            List<Score> scores = new ArrayList<>();
            for (int j = 0; j < psize / 20; j++) {
                byte[] raw = new byte[20];
                random.nextBytes(raw);
                scores.add(random.nextInt(3) == 0 ? Score.ZERO : Score.fromBytes(raw));
            }
            PointerBlock full = new PointerBlock(scores);
            assertEquals(full, PointerBlock.decode(full.encode(psize), psize));
            PointerBlock block = new PointerBlock(scores.subList(0, random.nextInt(scores.size() + 1)));
            byte[] padded = block.encode(psize);
            assertEquals(block.pointers(), PointerBlock.decode(padded, psize).pointers().subList(0, block.pointers().size()));
            int kept = ZeroTruncation.truncatedLength(BlockType.DATA_POINTER_1, padded, 0, padded.length);
            assertArrayEquals(java.util.Arrays.copyOf(padded, kept), block.encodeTruncated(psize));
        }
    }
}

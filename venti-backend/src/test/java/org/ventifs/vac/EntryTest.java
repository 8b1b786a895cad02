package org.ventifs.vac;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ventifs.venti.Score;

class EntryTest {
    private static final Score S11 = Score.fromBytes(Hex.bytes(Hex.repeat("11", 20)));

    @Test
    void goldenBytesOfADataStreamAtDepthTwo() {
        Entry e = new Entry(1, 8180, 8192, 2, false, 0x010203040506L, S11, true);
        byte[] golden = Hex.bytes("00000001 1ff4 2000 09 0000000000 010203040506" + Hex.repeat("11", 20));
        assertArrayEquals(golden, e.encode());
        assertEquals(e, Entry.decode(golden, 0));
    }

    @Test
    void localBitIsIgnoredOnRead() {
        byte[] withLocal = Hex.bytes("00000001 1ff4 2000 2b 0000000000 000000000010" + Hex.repeat("11", 20));
        Entry e = Entry.decode(withLocal, 0);
        assertEquals(new Entry(1, 8180, 8192, 2, true, 16, S11, true), e);
    }

    @Test
    void bigSizesUseTheMantissaExponentEncoding() {
        Entry e = new Entry(0, 131072, 65536, 0, false, 5, S11, true);
        byte[] golden = Hex.bytes("00000000 8007 8006 41 0000000000 000000000005" + Hex.repeat("11", 20));
        assertArrayEquals(golden, e.encode());
        assertEquals(e, Entry.decode(golden, 0));
        assertThrows(VacFormatException.class, () -> new Entry(0, 65537, 8192, 0, false, 0, S11, true).encode());
    }

    @Test
    void inactiveSlotIsZerosButGen() {
        byte[] golden = Hex.bytes("00000007" + Hex.repeat("00", 36));
        assertArrayEquals(golden, Entry.inactive(7).encode());
        assertEquals(Entry.inactive(7), Entry.decode(golden, 0));
    }

    @Test
    void decodeReadsAtAnOffsetAndRejectsShortBuffers() {
        byte[] buf = new byte[100];
        Entry e = new Entry(3, 8180, 8192, 0, false, 9, S11, true);
        e.encode(buf, 50);
        assertEquals(e, Entry.decode(buf, 50));
        assertThrows(VacFormatException.class, () -> Entry.decode(buf, 61));
    }

    @Test
    void activeEntriesWithTinyBlocksAreRejected() {
        byte[] tiny = Hex.bytes("00000001 00ff 2000 01 0000000000 000000000000" + Hex.repeat("11", 20));
        assertThrows(VacFormatException.class, () -> Entry.decode(tiny, 0));
    }

    @Test
    void randomEntriesRoundTrip() {
        Random random = new Random(4);
        for (int i = 0; i < 2000; i++) {
            byte[] raw = new byte[20];
            random.nextBytes(raw);
            boolean big = random.nextInt(4) == 0;
            int psize = big ? (1 + random.nextInt(2047)) << (5 + random.nextInt(10)) : 256 + random.nextInt(65280);
            // With Big, both sizes are Big-encoded, so both must be mantissa << exponent.
            int dsize = big ? (256 + random.nextInt(1792)) << random.nextInt(12) : 256 + random.nextInt(65280);
            psize = Math.max(psize, 256);
            Entry e = new Entry(random.nextInt(), psize, dsize, random.nextInt(8), random.nextBoolean(),
                    random.nextLong() & Entry.MAX_SIZE, Score.fromBytes(raw), true);
            assertEquals(e, Entry.decode(e.encode(), 0));
        }
    }
}

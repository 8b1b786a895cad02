package org.ventifs.snapshot;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ventifs.vac.DirectoryStreams;
import org.ventifs.vac.Entry;
import org.ventifs.venti.Score;

class DirectoryBaseTest {
    @Test
    void goldenBytes() {
        Score a = Score.parse("0102030405060708090a0b0c0d0e0f1011121314");
        Score b = Score.parse("a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4");
        DirectoryBase base = new DirectoryBase(new DirectoryStreams(
                new Entry(0, 8180, 4096, 1, true, 120, a, true), new Entry(0, 8180, 4096, 0, false, 4096, b, true)));
        // Each entry: gen[4] psize[2] dsize[2] flags[1] (active 1, dir 2, depth << 2) zero[5] size[6] score[20].
        String entries = "00000000" + "1ff4" + "1000" + "07" + "0000000000" + "000000000078"
                + "0102030405060708090a0b0c0d0e0f1011121314";
        String meta = "00000000" + "1ff4" + "1000" + "01" + "0000000000" + "000000001000"
                + "a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4";
        assertEquals(entries + meta, HexFormat.of().formatHex(base.encode()));
        assertEquals(base, DirectoryBase.decode(HexFormat.of().parseHex(entries + meta)));
    }

    @Test
    void roundTripsRandomEntries() {
        Random random = new Random(5);
        for (int i = 0; i < 500; i++) {
            byte[] s1 = new byte[20];
            byte[] s2 = new byte[20];
            random.nextBytes(s1);
            random.nextBytes(s2);
            DirectoryBase base = new DirectoryBase(new DirectoryStreams(
                    new Entry(random.nextInt(), 8180, 512 * (1 + random.nextInt(100)), random.nextInt(8), true,
                            random.nextLong() & Entry.MAX_SIZE, Score.fromBytes(s1, 0), true),
                    new Entry(random.nextInt(), 8180, 512 * (1 + random.nextInt(100)), random.nextInt(8), false,
                            random.nextLong() & Entry.MAX_SIZE, Score.fromBytes(s2, 0), true)));
            assertEquals(base, DirectoryBase.decode(base.encode()));
        }
    }

    @Test
    void rejectsWrongLengthsAndKinds() {
        assertThrows(IllegalArgumentException.class, () -> DirectoryBase.decode(new byte[40]));
        assertThrows(IllegalArgumentException.class, () -> DirectoryBase.decode(new byte[81]));
        assertThrows(IllegalArgumentException.class, () -> DirectoryBase.decode(new byte[80]), "inactive entries");
        Entry file = Entry.empty(8180, 4096, false);
        byte[] swapped = new DirectoryBase(new DirectoryStreams(file, Entry.empty(8180, 4096, true))).encode();
        assertThrows(IllegalArgumentException.class, () -> DirectoryBase.decode(swapped));
    }
}

package org.ventifs.vac;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ventifs.venti.Score;

class RootTest {
    @Test
    void goldenBytes() {
        Score top = Score.fromBytes(Hex.bytes(Hex.repeat("22", 20)));
        Score prev = Score.fromBytes(Hex.bytes(Hex.repeat("33", 20)));
        Root root = new Root("2026/1122.1", "vac", top, 8192, prev);
        byte[] golden = Hex.bytes("0002"
                + "323032362f313132322e31" + Hex.repeat("00", 128 - 11)
                + "766163" + Hex.repeat("00", 125)
                + Hex.repeat("22", 20) + "2000" + Hex.repeat("33", 20));
        assertEquals(300, golden.length);
        assertArrayEquals(golden, root.encode());
        assertEquals(root, Root.decode(golden));
    }

    @Test
    void bigBlockSizeSetsTheVersionBit() {
        Root root = new Root("", "vac", Score.ZERO, 1 << 17, Score.ZERO);
        byte[] bytes = root.encode();
        assertEquals(0x80, bytes[0] & 0xff);
        assertEquals(0x02, bytes[1]);
        assertEquals(0x8007, ((bytes[278] & 0xff) << 8) | (bytes[279] & 0xff));
        assertEquals(root, Root.decode(bytes));
    }

    @Test
    void rejectsWrongLengthVersionAndLongNames() {
        assertThrows(VacFormatException.class, () -> Root.decode(new byte[299]));
        byte[] v3 = new Root("", "vac", Score.ZERO, 8192, Score.ZERO).encode();
        v3[1] = 3;
        assertThrows(VacFormatException.class, () -> Root.decode(v3));
        assertThrows(VacFormatException.class, () -> new Root("x".repeat(128), "vac", Score.ZERO, 8192, Score.ZERO));
    }

    @Test
    void randomRootsRoundTrip() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] a = new byte[20];
            byte[] b = new byte[20];
            random.nextBytes(a);
            random.nextBytes(b);
            String name = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            Root root = new Root(name, "vac", Score.fromBytes(a), 256 + random.nextInt(65000), Score.fromBytes(b));
            assertEquals(root, Root.decode(root.encode()));
        }
    }
}

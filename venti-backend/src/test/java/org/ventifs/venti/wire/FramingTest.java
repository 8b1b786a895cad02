package org.ventifs.venti.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FramingTest {
    private static ByteArrayInputStream in(String hex) {
        return new ByteArrayInputStream(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    @Test
    void versionsNameTheirFraming() {
        assertEquals(Framing.V02, Framing.ofVersion("02").orElseThrow());
        assertEquals(Framing.V04, Framing.ofVersion("04").orElseThrow());
        assertTrue(Framing.ofVersion("03").isEmpty());
    }

    @Test
    void readsTheLengthThatPrecedesEachBody() throws IOException {
        ByteArrayInputStream s = in("0002 0203 0000 0001 ff");
        assertArrayEquals(new byte[] {2, 3}, Framing.V02.read(s));
        assertArrayEquals(new byte[0], Framing.V02.read(s));
        assertArrayEquals(new byte[] {(byte) 0xff}, Framing.V02.read(s));
        assertNull(Framing.V02.read(s));
        assertArrayEquals(new byte[] {0x10, 0x01}, Framing.V04.read(in("00000002 1001")));
    }

    @Test
    void aLengthBeyondTheMaximumIsRefusedBeforeAnyAllocation() {
        assertThrows(Framing.FrameTooLargeException.class, () -> Framing.V04.read(in("00010000")));
        assertThrows(Framing.FrameTooLargeException.class, () -> Framing.V04.read(in("ffffffff")));
        assertThrows(IllegalArgumentException.class,
                () -> Framing.V04.write(new ByteArrayOutputStream(), new byte[Framing.MAX_MESSAGE + 1]));
    }

    @Test
    void aFrameCutShortIsAnEofError() {
        assertThrows(EOFException.class, () -> Framing.V02.read(in("00")));
        assertThrows(EOFException.class, () -> Framing.V04.read(in("000000")));
        EOFException e = assertThrows(EOFException.class, () -> Framing.V02.read(in("0005 0102")));
        assertTrue(e.getMessage().contains("2 of 5"), e.getMessage());
    }

    @Test
    void writesABigEndianPrefix() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Framing.V02.write(out, new byte[0x1234]);
        Framing.V04.write(out, new byte[] {7});
        byte[] b = out.toByteArray();
        assertEquals(0x12, b[0]);
        assertEquals(0x34, b[1]);
        assertEquals("0000000107", HexFormat.of().formatHex(b, 2 + 0x1234, b.length));
    }
}

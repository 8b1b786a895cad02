package org.ventifs.venti.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void oursOffersBothVersionsPreferringFour() {
        assertEquals("venti-04:02-ventifs\n", new String(Handshake.OURS.encode(), StandardCharsets.US_ASCII));
    }

    @Test
    void parsesPlan9portAndOldPlan9Lines() throws IOException {
        assertEquals(new Handshake(List.of("04", "02"), "libventi"), Handshake.decode("venti-04:02-libventi"));
        assertEquals(new Handshake(List.of("02"), "a-b-c"), Handshake.decode("venti-02-a-b-c"));
        assertEquals(new Handshake(List.of("02"), ""), Handshake.decode("venti-02"));
    }

    @Test
    void choosesTheFirstVersionOfThePeersListThatWeSpeak() throws IOException {
        assertEquals(Framing.V02, Handshake.decode("venti-05:02:04-x").choose().orElseThrow());
        assertEquals(Framing.V04, Handshake.decode("venti-04:02-x").choose().orElseThrow());
        assertTrue(Handshake.decode("venti-03:05-x").choose().isEmpty());
    }

    @Test
    void readConsumesExactlyTheLine() throws IOException {
        ByteArrayInputStream s = in("venti-02-plan9\n\u0000\u0002");
        assertEquals(List.of("02"), Handshake.read(s).versions());
        assertEquals(0, s.read());
        assertEquals(2, s.read());
    }

    @Test
    void refusesBadLines() {
        assertThrows(ProtocolException.class, () -> Handshake.read(in("hello venti\n")));
        assertThrows(ProtocolException.class, () -> Handshake.read(in("venti-02-tab\there\n")));
        assertThrows(ProtocolException.class, () -> Handshake.read(in("venti--x\n")));
        assertThrows(ProtocolException.class, () -> Handshake.read(in("venti-0\u00e9-x\n")));
        assertThrows(EOFException.class, () -> Handshake.read(in("venti-02")));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> Handshake.read(in("venti-02-" + "x".repeat(5000) + "\n")));
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }

    @Test
    void theLongestLineIsAcceptedAndOneMoreByteIsNot() throws IOException {
        String longest = "venti-02-" + "x".repeat(Handshake.MAX_LINE - 1 - 9);
        assertEquals(Handshake.MAX_LINE - 1, longest.length());
        assertEquals(List.of("02"), Handshake.read(in(longest + "\n")).versions());
        assertThrows(ProtocolException.class, () -> Handshake.read(in(longest + "x\n")));
    }
}

package org.ventifs.venti.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;
import org.ventifs.venti.wire.VentiMessage.*;

/** Golden bytes written by hand from docs/venti-protocol.md, in both framings, and round trips. */
class VentiMessageTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Score ZERO = Score.parse("da39a3ee5e6b4b0d3255bfef95601890afd80709");
    private static final Score ABC = Score.parse("a9993e364706816aba3e25717850c26c9cd0d89d"); // SHA-1("abc")

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    /** Checks the body's bytes, its decoding, and its 02 and 04 frames. */
    private static void golden(VentiMessage m, String bodyHex) throws IOException {
        byte[] body = hex(bodyHex);
        assertEquals(HEX.formatHex(body), HEX.formatHex(m.encode()), m.toString());
        assertEquals(m, VentiMessage.decode(body));
        String len2 = String.format("%04x", body.length);
        String len4 = String.format("%08x", body.length);
        assertEquals(len2 + HEX.formatHex(body), HEX.formatHex(framed(Framing.V02, body)));
        assertEquals(len4 + HEX.formatHex(body), HEX.formatHex(framed(Framing.V04, body)));
        for (Framing f : Framing.values()) {
            assertEquals(m, VentiMessage.decode(f.read(new ByteArrayInputStream(framed(f, body)))));
        }
    }

    private static byte[] framed(Framing f, byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.write(out, body);
        return out.toByteArray();
    }

    @Test
    void rerror() throws IOException {
        golden(new Rerror(7, "lump too large"), "01 07 000e 6c756d7020746f6f206c61726765");
    }

    @Test
    void pingAndPong() throws IOException {
        golden(new Tping(3), "02 03");
        golden(new Rping(3), "03 03");
    }

    @Test
    void thelloAsPlan9portSendsIt() throws IOException {
        golden(Thello.plain("04", "anonymous"),
                "04 00 0002 3034 0009 616e6f6e796d6f7573 00 00 00");
        golden(new Thello(0, "02", "glenda", 1, new byte[] {9}, new byte[] {1, 2}),
                "04 00 0002 3032 0006 676c656e6461 01 01 09 02 0102");
    }

    @Test
    void rhello() throws IOException {
        golden(new Rhello(0, "ventifs", 0, 0), "05 00 0007 76656e74696673 00 00");
    }

    @Test
    void goodbyeAndSync() throws IOException {
        golden(new Tgoodbye(0), "06 00");
        golden(new Tsync(9), "10 09");
        golden(new Rsync(9), "11 09");
    }

    @Test
    void treadWithShortAndLongCount() throws IOException {
        golden(new Tread(0x2a, ZERO, BlockType.DATA, 57344),
                "0c 2a da39a3ee5e6b4b0d3255bfef95601890afd80709 0d 00 e000");
        golden(new Tread(0x2a, ABC, BlockType.DIR, 65536),
                "0c 2a a9993e364706816aba3e25717850c26c9cd0d89d 02 00 00010000");
        golden(new Tread(255, ABC, BlockType.DATA_POINTER_7, 65535),
                "0c ff a9993e364706816aba3e25717850c26c9cd0d89d 09 00 ffff");
    }

    @Test
    void rread() throws IOException {
        golden(new Rread(0x2a, new byte[] {'h', 'i'}), "0d 2a 6869");
        golden(new Rread(1, new byte[0]), "0d 01");
    }

    @Test
    void twriteSendsNoScore() throws IOException {
        golden(new Twrite(5, BlockType.ROOT, new byte[] {1, 2, 3}), "0e 05 01 000000 010203");
        golden(new Twrite(6, BlockType.DATA, "abc".getBytes()), "0e 06 0d 000000 616263");
    }

    @Test
    void rwrite() throws IOException {
        golden(new Rwrite(5, ABC), "0f 05 a9993e364706816aba3e25717850c26c9cd0d89d");
    }

    @Test
    void dirPointersTravelAsTheirSharedWireNumber() throws IOException {
        byte[] body = new Tread(1, ABC, BlockType.DIR_POINTER_3, 100).encode();
        assertEquals(5, body[22]);
        assertEquals(BlockType.DATA_POINTER_3, ((Tread) VentiMessage.decode(body)).type());
    }

    @Test
    void malformedBodiesAreProtocolErrorsCarryingTheTag() {
        assertTagged(0x11, "0c 11 da39a3ee5e", "truncated");
        assertTagged(0x12, "0c 12 da39a3ee5e6b4b0d3255bfef95601890afd80709 0d 00 e0", "truncated");
        assertTagged(0x13, "0e 13 0a 000000 01", "wire number 10");
        assertTagged(0x14, "12 14", "unknown message type 18");
        assertTagged(0x15, "08 15", "not supported");
        assertTagged(0x1c, "0b 1c", "Rauth1 is not supported");
        assertTagged(0x1d, "07 1d", "Rgoodbye is not used");
        assertTagged(0x16, "02 16 00", "unexpected bytes");
        assertTagged(0x17, "01 17 0005 6869", "truncated");
        assertTagged(0x18, "01 18 0002 6800", "NUL");
        assertTagged(0x19, "01 19 0002 c328", "UTF-8");
        assertTagged(0x1a, "01 1a 0401" + "61".repeat(1025), "1025 bytes");
        assertTagged(0x1b, "04 1b 0002 3034 0001 61 00 05 0102", "truncated");
        assertTagged(0, "00 00", "unknown message type 0");
        ProtocolException e = assertThrows(ProtocolException.class, () -> VentiMessage.decode(hex("0c")));
        assertFalse(e.hasTag());
        assertThrows(ProtocolException.class, () -> VentiMessage.decode(new byte[0]));
    }

    private static void assertTagged(int tag, String bodyHex, String words) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> VentiMessage.decode(hex(bodyHex)));
        assertEquals(tag, e.tag(), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    @Test
    void fieldsOutsideTheProtocolAreRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new Tping(256));
        assertThrows(IllegalArgumentException.class, () -> new Rerror(1, "a\0b"));
        assertThrows(IllegalArgumentException.class, () -> new Rerror(1, "x".repeat(1025)));
        assertThrows(IllegalArgumentException.class, () -> new Tread(1, ABC, BlockType.DATA, -1));
        assertEquals(1024, Rerror.of(1, "é".repeat(600)).error().getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                "a long error text is cut to fit a string");
    }

    @Test
    void randomMessagesSurviveARoundTripInBothFramings() throws IOException {
        Random rnd = new Random(17034);
        for (Framing f : Framing.values()) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            VentiMessage[] sent = new VentiMessage[500];
            for (int i = 0; i < sent.length; i++) {
                sent[i] = randomMessage(rnd);
                f.write(stream, sent[i].encode());
            }
            ByteArrayInputStream in = new ByteArrayInputStream(stream.toByteArray());
            for (VentiMessage m : sent) {
                assertEquals(m, VentiMessage.decode(f.read(in)));
            }
            assertNull(f.read(in), "the stream ends cleanly after the last frame");
        }
    }

    static VentiMessage randomMessage(Random rnd) {
        int tag = rnd.nextInt(256);
        BlockType[] canonical = {BlockType.ROOT, BlockType.DIR, BlockType.DATA, BlockType.DATA_POINTER_1,
            BlockType.DATA_POINTER_4, BlockType.DATA_POINTER_7};
        BlockType type = canonical[rnd.nextInt(canonical.length)];
        byte[] data = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(57345) : rnd.nextInt(100)];
        rnd.nextBytes(data);
        Score score = Score.of(data);
        switch (rnd.nextInt(12)) {
            case 0: return new Rerror(tag, randomText(rnd));
            case 1: return new Tping(tag);
            case 2: return new Rping(tag);
            case 3: return new Thello(tag, randomText(rnd), randomText(rnd), rnd.nextInt(256),
                    java.util.Arrays.copyOf(data, Math.min(data.length, 255)), new byte[rnd.nextInt(3)]);
            case 4: return new Rhello(tag, randomText(rnd), rnd.nextInt(256), rnd.nextInt(256));
            case 5: return new Tgoodbye(tag);
            case 6: return new Tread(tag, score, type, rnd.nextBoolean() ? rnd.nextInt(65536) : rnd.nextInt(Integer.MAX_VALUE));
            case 7: return new Rread(tag, data);
            case 8: return new Twrite(tag, type, data);
            case 9: return new Rwrite(tag, score);
            case 10: return new Tsync(tag);
            default: return new Rsync(tag);
        }
    }

    private static String randomText(Random rnd) {
        StringBuilder b = new StringBuilder();
        int n = rnd.nextInt(40);
        for (int i = 0; i < n; i++) {
            b.append(rnd.nextInt(10) == 0 ? 'ß' : (char) (0x20 + rnd.nextInt(0x5f)));
        }
        return b.toString();
    }
}

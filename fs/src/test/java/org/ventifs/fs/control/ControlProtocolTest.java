package org.ventifs.fs.control;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ventifs.venti.Score;

class ControlProtocolTest {
    @Test
    void requestLines() {
        assertEquals("snap", ControlRequest.SNAP.encode());
        assertEquals("snap --no-wait", ControlRequest.SNAP_NO_WAIT.encode());
        assertEquals("status", ControlRequest.STATUS.encode());
        assertEquals("history a b/c", new ControlRequest(ControlRequest.Kind.HISTORY, "a b/c").encode());
        for (ControlRequest r : new ControlRequest[] {ControlRequest.SNAP, ControlRequest.SNAP_NO_WAIT,
                ControlRequest.STATUS, new ControlRequest(ControlRequest.Kind.HISTORY, "docs/x y")}) {
            assertEquals(r, ControlRequest.decode(r.encode()));
        }
        assertNull(ControlRequest.decode("snapshot"));
        assertNull(ControlRequest.decode("history "));
        assertNull(ControlRequest.decode(""));
        assertThrows(IllegalArgumentException.class, () -> new ControlRequest(ControlRequest.Kind.HISTORY, "a\nsnap"));
    }

    @Test
    void historyLineGoldenAndRoundTrip() {
        HistoryLine line = new HistoryLine("2026/1122.1", 4096, 1_700_000_000_123_456_789L, 0100644,
                Score.parse("da39a3ee5e6b4b0d3255bfef95601890afd80709"));
        String golden = "2026/1122.1 4096 1700000000123456789 100644 da39a3ee5e6b4b0d3255bfef95601890afd80709";
        assertEquals(golden, line.encode());
        assertEquals(line, HistoryLine.decode(golden));
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            byte[] s = new byte[20];
            random.nextBytes(s);
            HistoryLine l = new HistoryLine("2026/0101." + i, random.nextLong() & Long.MAX_VALUE, random.nextLong(),
                    random.nextInt(0177777), Score.fromBytes(s, 0));
            assertEquals(l, HistoryLine.decode(l.encode()));
        }
        assertThrows(IllegalArgumentException.class, () -> HistoryLine.decode("2026/1122 1 2 644"));
        assertThrows(IllegalArgumentException.class, () -> HistoryLine.decode("2026/1122 x 2 644 da39"));
    }
}

package org.ventifs.fs.control;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ventifs.cache.DirtyData;
import org.ventifs.snapshot.ArchiveProgress;
import org.ventifs.snapshot.DumpRecord;
import org.ventifs.venti.Score;
import org.ventifs.venti.local.StoreCounts;

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

    @Test
    void statusReplyGoldenAndRoundTrip() {
        StatusReport report = new StatusReport(
                new ArchiveProgress(false, "2026/1204", 12, 4096, 250, 0, "archive=200 sync=30 list=1 retire=19"),
                new DirtyData(3, 70000, 4),
                new DumpRecord("2026/1204", Score.parse("da39a3ee5e6b4b0d3255bfef95601890afd80709"), 1_796_000_000L, 5000),
                1 << 20, 64 << 20, true, 123456, new StoreCounts(10, 80000, 5, 40000, 20170));
        String golden = "running=false dump=2026/1204 files=12 bytes=4096 elapsed_ms=250 queued=0 protocol=2"
                + " dirty_bytes=70000 dirty_blocks=3 changed_inodes=4 last_dump=2026/1204"
                + " last_score=da39a3ee5e6b4b0d3255bfef95601890afd80709 last_time=1796000000 last_added=5000"
                + " cache_used=1048576 cache_capacity=67108864 store=local store_bytes=123456 store_writes=10"
                + " store_written_bytes=80000 store_blocks=5 store_raw_bytes=40000 store_clump_bytes=20170"
                + " archive_ms=200 sync_ms=30 list_ms=1 retire_ms=19";
        assertEquals(golden, report.encode());
        assertEquals(report, StatusReport.decode(golden));

        StatusReport empty = new StatusReport(new ArchiveProgress(false, "", 0, 0, 0, 0, ""), new DirtyData(0, 0, 0),
                null, 0, 4 << 20, false, -1, null);
        assertTrue(empty.encode().contains(" last_dump=- last_score=- "), empty.encode());
        assertTrue(empty.encode().contains(" store=remote store_bytes=- store_writes=- "), empty.encode());
        assertEquals(empty, StatusReport.decode(empty.encode()));

        IllegalArgumentException v1 = assertThrows(IllegalArgumentException.class,
                () -> StatusReport.decode("running=false dump=- files=0 bytes=0 elapsed_ms=0 queued=0"));
        assertTrue(v1.getMessage().contains("protocol 1"), v1.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StatusReport.decode(golden.replace(" dirty_bytes=70000", "")));
    }
}

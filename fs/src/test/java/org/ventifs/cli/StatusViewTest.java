package org.ventifs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ventifs.cache.DirtyData;
import org.ventifs.fs.control.StatusReport;
import org.ventifs.snapshot.ArchiveProgress;
import org.ventifs.snapshot.DumpRecord;
import org.ventifs.venti.Score;
import org.ventifs.venti.local.StoreCounts;

/** {@link StatusView} and {@link FlatJson}: the table and the JSON of a status, known figures and unknown ones. */
class StatusViewTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_796_000_000L + 3 * 3600 + 120);

    @Test
    void anArchiveRunningOverAnEmbeddedStore() {
        StatusReport report = new StatusReport(new ArchiveProgress(true, "2026/1204.1", 10, 3 << 20, 2000, 1, ""),
                new DirtyData(2, 1536, 3),
                new DumpRecord("2026/1204", Score.parse("da39a3ee5e6b4b0d3255bfef95601890afd80709"), 1_796_000_000L, 4096),
                1 << 30, 4L << 30, true, 5L << 30, new StoreCounts(10, 12 << 20, 4, 4 << 20, 3 << 20));
        StatusView view = new StatusView(Path.of("/mnt/archive"), Path.of("/var/lib/ventifs/default"), report, NOW);
        String table = view.table();
        assertTrue(table.contains("dirty          1.5 KiB in 2 blocks, 3 changed inodes"), table);
        assertTrue(table.contains("last snapshot  2026/1204 vac:da39a3ee5e6b4b0d3255bfef95601890afd80709, 3h 2m ago"), table);
        assertTrue(table.contains("archiver       archiving 2026/1204.1: 10 files, 3.0 MiB in 2.0 s (1.5 MiB/s), 1 more queued"),
                table);
        assertTrue(table.contains("cache          1.0 GiB used of 4.0 GiB (25.0%)"), table);
        assertTrue(table.contains("store          embedded, 5.0 GiB on disk"), table);
        assertTrue(table.contains("dedup          3.00x (12.0 MiB written, 4.0 MiB distinct in 4 blocks); compression 1.33x"),
                table);
        Map<String, Object> json = FlatJsonReader.parse(view.json());
        assertEquals(10920.0, json.get("last_snapshot_age_seconds"));
        assertEquals("vac:da39a3ee5e6b4b0d3255bfef95601890afd80709", json.get("last_snapshot_vac"));
        assertEquals(true, json.get("archive_running"));
        assertEquals(3.0, json.get("dedup_ratio"));
        assertEquals(1572864.0, json.get("archive_bytes_per_second"));
    }

    @Test
    void unknownFiguresAreNullInJsonAndSaidInTheTable() {
        StatusReport report = new StatusReport(new ArchiveProgress(false, "", 0, 0, 0, 0, ""), new DirtyData(0, 0, 0),
                null, 0, 4 << 20, false, -1, null);
        StatusView view = new StatusView(Path.of("/mnt/a \"b\""), Path.of("/data"), report, NOW);
        assertTrue(view.table().contains("last snapshot  none yet"), view.table());
        assertTrue(view.table().contains("store          a Venti server; its size is unknown"), view.table());
        assertTrue(view.table().contains("dedup          unknown"), view.table());
        Map<String, Object> json = FlatJsonReader.parse(view.json());
        assertEquals("/mnt/a \"b\"", json.get("mountpoint"));
        for (String key : new String[] {"last_snapshot", "last_snapshot_age_seconds", "archive_dump", "store_bytes",
            "dedup_ratio", "compression_ratio"}) {
            assertTrue(json.containsKey(key) && json.get(key) == null, key + " in " + json);
        }
        assertEquals("remote", json.get("store"));
    }

    @Test
    void flatJsonEscapesStringsAndWritesNonFiniteNumbersAsNull() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("s", "tab\tquote\" back\\ nl\n ctl\u0001");
        fields.put("nan", Double.NaN);
        fields.put("d", 0.5);
        fields.put("n", -3L);
        String json = FlatJson.of(fields);
        assertEquals("{\"s\": \"tab\\tquote\\\" back\\\\ nl\\n ctl\\u0001\", \"nan\": null, \"d\": 0.5000, \"n\": -3}", json);
        Map<String, Object> back = FlatJsonReader.parse(json);
        assertEquals(fields.get("s"), back.get("s"));
        assertNull(back.get("nan"));
    }
}

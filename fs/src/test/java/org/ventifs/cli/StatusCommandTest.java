package org.ventifs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.fs.ChildMount;

/** {@code ventifs status} against a real mount served by a child daemon, before and after a snapshot. */
class StatusCommandTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path tmp;

    private static Map<String, Object> statusJson(Path mnt) {
        CommandRun r = CommandRun.of("status", "--json", mnt.toString());
        assertEquals(0, r.code, r.err);
        assertEquals(1, r.out.strip().split("\n").length, "one line: " + r.out);
        return FlatJsonReader.parse(r.out);
    }

    private static long number(Map<String, Object> json, String key) {
        assertTrue(json.get(key) instanceof Double, key + " is a number in " + json);
        return ((Double) json.get(key)).longValue();
    }

    @Test
    void showsDirtyBytesThenTheSnapshotThatTookThem() throws Exception {
        Path data = tmp.resolve("data");
        Path mnt = Files.createDirectory(tmp.resolve("mnt"));
        byte[] content = new byte[MIB];
        new Random(8).nextBytes(content);
        try (ChildMount m = new ChildMount(data, mnt)) {
            Files.write(mnt.resolve("a"), content);
            Files.write(mnt.resolve("b"), content); // the same blocks again: deduplicated in the store

            Map<String, Object> before = statusJson(mnt);
            assertEquals(true, before.get("mounted"));
            assertEquals(mnt.toString(), before.get("mountpoint"));
            assertEquals(2L * MIB, number(before, "dirty_bytes"), "both files wait for the snapshot");
            assertTrue(number(before, "changed_inodes") >= 3, before.toString());
            assertNull(before.get("last_snapshot"));
            assertEquals(false, before.get("archive_running"));
            assertEquals("local", before.get("store"));
            assertTrue(number(before, "cache_used_bytes") >= 2L * MIB, before.toString());
            assertTrue(number(before, "cache_capacity_bytes") > number(before, "cache_used_bytes"), before.toString());
            CommandRun table = CommandRun.of("status", mnt.toString());
            assertEquals(0, table.code, table.err);
            assertTrue(table.out.contains("last snapshot  none yet"), table.out);
            assertTrue(table.out.contains("dirty          2.0 MiB in "), table.out);

            CommandRun snap = CommandRun.of("snap", mnt.toString());
            assertEquals(0, snap.code, snap.err);
            String[] nameAndScore = snap.out.strip().split(" ");

            // snap returns once the dump is durable; the cache retires the epoch right after.
            Map<String, Object> after = statusJson(mnt);
            for (int i = 0; i < 200 && Boolean.TRUE.equals(after.get("archive_running")); i++) {
                Thread.sleep(50);
                after = statusJson(mnt);
            }
            assertEquals(false, after.get("archive_running"), after.toString());
            assertEquals(nameAndScore[0], after.get("last_snapshot"));
            assertEquals(nameAndScore[1], after.get("last_snapshot_vac"));
            assertTrue(number(after, "last_snapshot_age_seconds") < 600, after.toString());
            assertEquals(0, number(after, "dirty_bytes"), "retired into the store");
            assertEquals(0, number(after, "dirty_blocks"));
            assertEquals(nameAndScore[0], after.get("archive_dump"));
            assertEquals(3, number(after, "archive_files"), "two files and the root: " + after);
            long written = number(after, "store_written_bytes");
            long distinct = number(after, "store_raw_bytes");
            assertTrue(written >= 2L * MIB, after.toString());
            assertTrue(distinct >= MIB && distinct < written - MIB / 2, "b's blocks are a's: " + after);
            assertTrue((Double) after.get("dedup_ratio") > 1.5, after.toString());
            assertTrue(number(after, "store_bytes") >= number(after, "store_clump_bytes"), after.toString());
            assertTrue(number(after, "store_clump_bytes") >= MIB, "random bytes do not compress: " + after);
            CommandRun table2 = CommandRun.of("status", mnt.toString());
            assertTrue(table2.out.contains("last snapshot  " + nameAndScore[0] + " " + nameAndScore[1]), table2.out);
            String log = Files.readString(m.log);
            assertTrue(log.contains("ventifs: snapshot " + nameAndScore[0] + " frozen"), log);
            assertTrue(log.contains("ventifs: snapshot " + nameAndScore[0] + " is durable as " + nameAndScore[1]
                    + ": 3 files and directories, " + 2 * MIB + " bytes of changed content"), log);
        }
    }

    @Test
    void aFolderWithoutAMountIsAClearError() throws Exception {
        CommandRun r = CommandRun.of("status", tmp.toString());
        assertEquals(1, r.code);
        assertEquals(1, r.err.strip().split("\n").length, r.err);
        assertTrue(r.err.contains(tmp + " is not a mount point"), r.err);
        CommandRun json = CommandRun.of("status", "--json", tmp.toString());
        assertEquals(1, json.code);
        assertEquals("", json.out);
    }
}

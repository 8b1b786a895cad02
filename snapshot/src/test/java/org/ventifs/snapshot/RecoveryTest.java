package org.ventifs.snapshot;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.cache.AttrChange;
import org.ventifs.cache.Cache;
import org.ventifs.vac.VacTree;

class RecoveryTest {
    @TempDir
    Path dir;

    @Test
    void formatFromRebuildsTheActiveTreeAndEveryDump() throws IOException {
        TestClock clock = new TestClock(Instant.parse("2026-11-20T03:00:00Z"), ZoneId.of("UTC"));
        try (DataDir data = DataDir.open(dir.resolve("old"), clock)) {
            Cache c = data.cache;
            SnapshotterTest.sampleTree(c);
            data.snapshotter.snapshot();
            long docs = c.lookup(Cache.ROOT, "docs").ino();
            c.write(c.lookup(docs, "big-link").ino(), 100, new byte[] {7, 7}, 0, 2);
            data.snapshotter.snapshot();
            clock.advance(java.time.Duration.ofDays(1));
            c.setattr(c.lookup(docs, "note.txt").ino(), AttrChange.none().withSize(3));
            c.unlink(Cache.ROOT, "empty");
            DumpRecord newest = data.snapshotter.snapshot();
            Map<String, String> newestImage = TreeImage.of(data.store, newest.root(), false);
            List<DumpRecord> old = data.catalog.list();

            Path fresh = dir.resolve("new");
            List<DumpRecord> rebuilt = Recovery.formatFrom(fresh, data.store, newest.root(), 64L << 20, size -> { });
            assertEquals(old.stream().map(DumpRecord::name).toList(), rebuilt.stream().map(DumpRecord::name).toList());
            assertEquals(old.stream().map(DumpRecord::root).toList(), rebuilt.stream().map(DumpRecord::root).toList());
            assertEquals(rebuilt, Catalog.open(fresh.resolve("catalog")).list());

            try (Cache recovered = Cache.open(fresh.resolve("cache"), data.store)) {
                assertEquals(newestImage, TreeImage.of(recovered, false));
                long rdocs = recovered.lookup(Cache.ROOT, "docs").ino();
                long rdeep = recovered.lookup(recovered.lookup(rdocs, "a").ino(), "b").ino();
                assertEquals(recovered.lookup(rdeep, "big").ino(), recovered.lookup(rdocs, "big-link").ino(),
                        "hard links stay one inode");
                Catalog catalog = Catalog.open(fresh.resolve("catalog"));
                try (Snapshotter again = new Snapshotter(recovered, data.store, catalog, clock)) {
                    Map<String, String> model = TreeImage.of(recovered, true);
                    DumpRecord next = again.snapshot();
                    assertEquals("2026/1121.1", next.name());
                    assertEquals(model, TreeImage.of(data.store, next.root(), true));
                    assertEquals(newest.root(), VacTree.open(data.store, next.root()).root().prev());
                }
            }
            assertThrows(IOException.class, () -> Recovery.formatFrom(fresh, data.store, newest.root(), 64L << 20, size -> { }),
                    "a data directory that holds dumps is never overwritten");
        }
    }

    @Test
    void theChainAloneNamesDumpsAndTimesThemByDay() throws IOException {
        try (DataDir data = DataDir.open(dir, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneId.of("UTC")))) {
            data.snapshotter.snapshot();
            DumpRecord second = data.snapshotter.snapshot();
            List<DumpRecord> chain = DumpChain.records(data.store, second.root(), ZoneId.of("UTC"));
            assertEquals(List.of("2026/1122", "2026/1122.1"), chain.stream().map(DumpRecord::name).toList());
            assertEquals(Instant.parse("2026-11-22T00:00:01Z").getEpochSecond(), chain.get(1).frozenAtEpochSecond());
        }
    }
}

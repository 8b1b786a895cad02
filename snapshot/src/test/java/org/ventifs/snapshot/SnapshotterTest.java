package org.ventifs.snapshot;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.cache.AttrChange;
import org.ventifs.cache.Cache;
import org.ventifs.cache.XattrMode;

class SnapshotterTest {
    @TempDir
    Path dir;
    TestClock clock = new TestClock(Instant.parse("2026-11-22T03:00:00Z"), ZoneId.of("Europe/Berlin"));
    DataDir data;

    @BeforeEach
    void open() throws IOException {
        data = DataDir.open(dir, clock);
    }

    @AfterEach
    void close() throws IOException {
        data.close();
    }

    /** Files of every kind: nested directories, a sparse file, a hard link, a symlink, a FIFO, a device, xattrs, modes. */
    static void sampleTree(Cache c) throws IOException {
        long docs = c.mkdir(Cache.ROOT, "docs", 0755, 1000, 1000).ino();
        long deep = c.mkdir(c.mkdir(docs, "a", 0700, 1000, 1000).ino(), "b", 0750, 1001, 1002).ino();
        long note = c.create(docs, "note.txt", 0644, 1000, 1000).ino();
        c.write(note, 0, "hello, dump".getBytes(StandardCharsets.UTF_8), 0, 11);
        long big = c.create(deep, "big", 0600, 1000, 1000).ino();
        byte[] block = new byte[DataDir.BLOCK_SIZE * 3 + 77];
        new Random(1).nextBytes(block);
        c.write(big, 0, block, 0, block.length);
        c.write(big, 40L * DataDir.BLOCK_SIZE, block, 0, 1000); // a hole between
        c.link(big, docs, "big-link");
        c.symlink(docs, "to-big", "a/b/big", 1000, 1000);
        c.mknod(Cache.ROOT, "fifo", 0010644, 0, 1000, 1000);
        c.mknod(Cache.ROOT, "null", 0020666, (1 << 8) | 3, 0, 0);
        c.setxattr(note, "user.colour", "blue".getBytes(StandardCharsets.UTF_8), XattrMode.UPSERT);
        c.setattr(note, AttrChange.none().withPerm(04755).withMtime(1_700_000_000_123_456_789L));
        c.create(Cache.ROOT, "empty", 0644, 1000, 1000);
    }

    private void assertDumpEquals(Map<String, String> model, DumpRecord dump) throws IOException {
        assertEquals(model, TreeImage.of(data.store, dump.root(), true), "dump " + dump.name());
    }

    @Test
    void firstSnapshotEqualsTheTree() throws IOException {
        sampleTree(data.cache);
        Map<String, String> model = TreeImage.of(data.cache, true);
        DumpRecord dump = data.snapshotter.snapshot();
        assertEquals("2026/1122", dump.name());
        assertEquals(List.of(dump), data.catalog.list());
        assertDumpEquals(model, dump);
        assertTrue(dump.bytesAdded() > 3 * DataDir.BLOCK_SIZE);
        assertEquals(model, TreeImage.of(data.cache, true), "the active tree reads the same through its new bases");
        assertTrue(data.catalog.interruptedArchive().isEmpty());
    }

    @Test
    void laterSnapshotsKeepEarlierDumpsAndFollowChanges() throws IOException {
        Cache c = data.cache;
        sampleTree(c);
        List<Map<String, String>> models = new ArrayList<>();
        List<DumpRecord> dumps = new ArrayList<>();
        models.add(TreeImage.of(c, true));
        dumps.add(data.snapshotter.snapshot());

        long docs = c.lookup(Cache.ROOT, "docs").ino();
        long big = c.lookup(docs, "big-link").ino();
        c.write(big, 5, new byte[] {1, 2, 3}, 0, 3);
        c.setattr(big, AttrChange.none().withSize(DataDir.BLOCK_SIZE + 10));
        c.rename(docs, "note.txt", Cache.ROOT, "moved.txt");
        c.unlink(Cache.ROOT, "fifo");
        c.mkdir(docs, "new", 0755, 1000, 1000);
        models.add(TreeImage.of(c, true));
        dumps.add(data.snapshotter.snapshot());

        c.setattr(big, AttrChange.none().withSize(DataDir.BLOCK_SIZE * 10L));
        c.write(big, DataDir.BLOCK_SIZE * 9L, new byte[] {9}, 0, 1);
        c.rmdir(docs, "new");
        c.removexattr(c.lookup(Cache.ROOT, "moved.txt").ino(), "user.colour");
        models.add(TreeImage.of(c, true));
        dumps.add(data.snapshotter.snapshot());

        assertEquals(List.of("2026/1122", "2026/1122.1", "2026/1122.2"), data.catalog.names());
        for (int i = 0; i < dumps.size(); i++) {
            assertDumpEquals(models.get(i), dumps.get(i));
        }
        assertEquals(dumps.get(1).root(), org.ventifs.vac.VacTree.open(data.store, dumps.get(2).root()).root().prev());
        assertEquals("2026/1122.2", org.ventifs.vac.VacTree.open(data.store, dumps.get(2).root()).root().name());
    }

    @Test
    void anUnchangedTreeAddsOnlyTheRootBlocks() throws IOException {
        sampleTree(data.cache);
        data.snapshotter.snapshot();
        DumpRecord again = data.snapshotter.snapshot();
        // The root directory is reused whole: only its one-entry meta stream, the top dir block and the root block.
        assertTrue(again.bytesAdded() < 1024, "an unchanged tree wrote " + again.bytesAdded() + " bytes");
    }

    @Test
    void oneChangedLeafWritesOnlyItsPathToTheRoot() throws IOException {
        Cache c = data.cache;
        sampleTree(c);
        long deep = c.lookup(c.lookup(c.lookup(Cache.ROOT, "docs").ino(), "a").ino(), "b").ino();
        long big = c.lookup(deep, "big").ino();
        data.snapshotter.snapshot();
        data.snapshotter.awaitIdle();
        CountingStore counting = new CountingStore(data.store);
        c.write(big, 2L * DataDir.BLOCK_SIZE + 1, new byte[] {42}, 0, 1);
        try (var view = c.freeze()) {
            Archiver.Result r = new Archiver(view, counting, new ProgressCounter(System::currentTimeMillis))
                    .archive("2026/1122.1", data.catalog.newest().root());
            // big: 1 leaf + 1 pointer block; docs/a/b, docs/a, docs (hard link!), root: entry + meta leaf each;
            // then the root's meta stream, the top dir block and the root block.
            assertEquals(2 + 2 * 4 + 3, counting.blocks());
            assertEquals(java.util.Set.of(big, deep, c.lookup(Cache.ROOT, "docs").ino(),
                    c.lookup(c.lookup(Cache.ROOT, "docs").ino(), "a").ino(), Cache.ROOT), r.newBases().keySet());
        }
    }

    @Test
    void requestsMadeDuringAnArchiveTakeTheNextSnapshots() throws Exception {
        sampleTree(data.cache);
        FreezeTicket first = data.snapshotter.freezeNow();
        FreezeTicket second = data.snapshotter.freezeNow();
        assertEquals("2026/1122", first.dumpName());
        assertEquals("2026/1122.1", second.dumpName());
        DumpRecord b = second.await();
        assertTrue(first.isDone());
        assertEquals(List.of(first.await(), b), data.catalog.list());
        data.snapshotter.awaitIdle(); // the second dump is durable; its epoch retires after
        assertFalse(data.snapshotter.progress().running());
        assertEquals("2026/1122.1", data.snapshotter.progress().dumpName());
        assertTrue(data.snapshotter.progress().phases().matches("changes=\\d+ content=\\d+ directories=\\d+ sync=\\d+ list=\\d+ retire=\\d+"),
                data.snapshotter.progress().phases());
        assertTrue(data.snapshotter.progress().describe().startsWith("archiver: last archived 2026/1122.1"));
    }

    @Test
    void dumpsAreNamedByLocalDay() throws IOException {
        clock.set(Instant.parse("2026-11-22T23:30:00Z")); // 00:30 on the 23rd in Berlin
        assertEquals("2026/1123", data.snapshotter.snapshot().name());
        clock.advance(Duration.ofHours(1));
        assertEquals("2026/1123.1", data.snapshotter.snapshot().name());
    }

    @Test
    void writersRacingSnapshotsNeverLeakIntoADump() throws Exception {
        WriterPool writers = new WriterPool(data.cache, 3, 7);
        List<Map<String, String>> models = new ArrayList<>();
        List<FreezeTicket> tickets = new ArrayList<>();
        try (writers) {
            writers.start();
            for (int i = 0; i < 6; i++) {
                Thread.sleep(150);
                writers.pause();
                try {
                    tickets.add(data.snapshotter.freezeNow());
                    models.add(TreeImage.of(data.cache, true));
                } finally {
                    writers.resume();
                }
                clock.advance(Duration.ofMinutes(1));
            }
        }
        assertTrue(writers.operations() > 100, "only " + writers.operations() + " operations ran");
        for (int i = 0; i < tickets.size(); i++) {
            assertDumpEquals(models.get(i), tickets.get(i).await());
        }
    }
}

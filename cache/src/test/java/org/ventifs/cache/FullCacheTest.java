package org.ventifs.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full cache: writes fail with ENOSPC, nothing written is harmed, deleting frees room, statfs tells the truth. */
class FullCacheTest {
    @TempDir
    Path tmp;

    @Test
    void writesFailWithEnospcAndNothingIsHarmed() throws Exception {
        Cache.format(tmp, 8 << 20, 4096, 0, 0);
        byte[] chunk = new byte[64 * 1024];
        List<Long> files = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        try (Cache cache = Cache.open(tmp, null)) {
            StatFs empty = cache.statfs();
            assertTrue(empty.freeBlocks() > empty.totalBlocks() * 9 / 10, empty.toString());
            Random r = new Random(3);
            ErrnoException full = null;
            for (int f = 0; full == null; f++) {
                long ino = cache.create(Cache.ROOT, "f" + f, 0644, 0, 0).ino();
                files.add(ino);
                long size = 0;
                for (int i = 0; i < 8; i++) {
                    r.nextBytes(chunk);
                    chunk[0] = (byte) f;
                    try {
                        cache.write(ino, size, chunk, 0, chunk.length);
                        size += chunk.length;
                    } catch (ErrnoException e) {
                        full = e;
                        break;
                    }
                }
                sizes.add(size);
            }
            assertEquals(Errno.ENOSPC, full.errno());
            StatFs stat = cache.statfs();
            assertTrue(stat.freeBlocks() * stat.blockSize() < 2 * chunk.length + 16 * 4096, stat.toString());
            long end = sizes.get(0);
            assertEquals(Errno.ENOSPC, assertThrows(ErrnoException.class,
                    () -> cache.write(files.get(0), end, chunk, 0, chunk.length)).errno());
            for (int f = 0; f < files.size(); f++) {
                assertEquals(sizes.get(f), cache.getattr(files.get(f)).size());
                byte[] first = new byte[1];
                if (sizes.get(f) > 0) {
                    cache.read(files.get(f), 0, first, 0, 1);
                    assertEquals((byte) f, first[0]);
                }
            }
            for (int f = 0; f < files.size() / 2; f++) {
                cache.unlink(Cache.ROOT, "f" + f);
            }
            assertTrue(cache.statfs().freeBlocks() > stat.freeBlocks());
            long again = cache.create(Cache.ROOT, "again", 0644, 0, 0).ino();
            cache.write(again, 0, chunk, 0, chunk.length);
            ConsistencyCheck.verify(cache);
        }
        try (Cache cache = Cache.open(tmp, null)) {
            ConsistencyCheck.verify(cache);
            long last = files.get(files.size() - 1);
            byte[] back = new byte[(int) (long) sizes.get(files.size() - 1)];
            cache.read(last, 0, back, 0, back.length);
            assertEquals((byte) (files.size() - 1), back.length > 0 ? back[0] : (byte) (files.size() - 1));
            assertArrayEquals(chunk, TreeDump.content(cache, cache.lookup(Cache.ROOT, "again").ino(), chunk.length));
        }
    }

    @Test
    void aFrozenViewPinsSpaceUntilClosed() throws Exception {
        Cache.format(tmp, 8 << 20, 4096, 0, 0);
        byte[] chunk = new byte[256 * 1024];
        new Random(5).nextBytes(chunk);
        try (Cache cache = Cache.open(tmp, null)) {
            long ino = cache.create(Cache.ROOT, "f", 0644, 0, 0).ino();
            cache.write(ino, 0, chunk, 0, chunk.length);
            FrozenTree view = cache.freeze();
            ErrnoException full = null;
            byte lastWritten = chunk[0];
            for (int i = 0; i < 100 && full == null; i++) {
                chunk[0] = (byte) (i + 1);
                try {
                    cache.write(ino, 0, chunk, 0, chunk.length);
                    lastWritten = chunk[0];
                    cache.sync(); // commit now, as time would: each commit needs pages the view does not pin
                } catch (ErrnoException e) {
                    full = e;
                }
            }
            assertEquals(Errno.ENOSPC, full == null ? null : full.errno());
            byte[] first = new byte[1];
            cache.read(ino, 0, first, 0, 1);
            assertEquals(lastWritten, first[0], "the failed write changed nothing");
            view.close();
            cache.write(ino, 0, chunk, 0, chunk.length);
            ConsistencyCheck.verify(cache);
        }
    }
}

package org.ventifs.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file unlinked while open keeps its data until its last release, and a crash's orphans go at the next open. */
class OrphanTest {
    @TempDir
    Path tmp;

    @Test
    void unlinkedWhileOpenLivesUntilTheLastRelease() throws Exception {
        Cache.format(tmp, 16 << 20, 4096, 0, 0);
        try (Cache cache = Cache.open(tmp, null)) {
            long ino = cache.create(Cache.ROOT, "f", 0644, 0, 0).ino();
            cache.write(ino, 0, new byte[] {1, 2, 3}, 0, 3);
            cache.open(ino);
            cache.open(ino);
            cache.unlink(Cache.ROOT, "f");
            assertTrue(cache.readdir(Cache.ROOT, 0, 10).isEmpty());
            assertEquals(0, cache.getattr(ino).nlink());
            cache.write(ino, 3, new byte[] {4}, 0, 1);
            assertArrayEquals(new byte[] {1, 2, 3, 4}, TreeDump.content(cache, ino, 4));
            ErrnoException relink = assertThrows(ErrnoException.class, () -> cache.link(ino, Cache.ROOT, "g"));
            assertEquals(Errno.ENOENT, relink.errno());
            ConsistencyCheck.verify(cache);
            cache.release(ino);
            assertEquals(4, cache.getattr(ino).size());
            cache.release(ino);
            assertEquals(Errno.ENOENT, assertThrows(ErrnoException.class, () -> cache.getattr(ino)).errno());
            ConsistencyCheck.verify(cache);
        }
    }

    @Test
    void orphansLeftByAnUncleanEndAreReclaimedAtOpen() throws Exception {
        Cache.format(tmp, 16 << 20, 4096, 0, 0);
        long file;
        long dir;
        try (Cache cache = Cache.open(tmp, null)) {
            file = cache.create(Cache.ROOT, "f", 0644, 0, 0).ino();
            cache.write(file, 0, new byte[10000], 0, 10000);
            dir = cache.mkdir(Cache.ROOT, "d", 0755, 0, 0).ino();
            cache.open(file);
            cache.open(dir);
            cache.unlink(Cache.ROOT, "f");
            cache.rmdir(Cache.ROOT, "d");
            assertEquals(Errno.ENOENT, assertThrows(ErrnoException.class,
                    () -> cache.create(dir, "x", 0644, 0, 0)).errno());
            assertEquals(0, cache.getattr(dir).nlink());
        }
        try (Cache cache = Cache.open(tmp, null)) {
            assertEquals(Errno.ENOENT, assertThrows(ErrnoException.class, () -> cache.getattr(file)).errno());
            assertEquals(Errno.ENOENT, assertThrows(ErrnoException.class, () -> cache.getattr(dir)).errno());
            ConsistencyCheck.verify(cache);
            try (var txn = cache.environment().env.txnRead()) {
                assertEquals(0, cache.environment().blocks.stat(txn).entries);
                assertEquals(0, cache.environment().orphans.stat(txn).entries);
            }
        }
    }
}

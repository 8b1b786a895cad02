package org.ventifs.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.local.LocalVenti;

/**
 * A read of archived data waits on Venti outside the cache's lock and read view: while one
 * reader is stuck in a slow base read, writes (which open a group, so other reads take the
 * writers' lock) and reads of the file go on, and the stuck read returns the file as it was.
 */
class SlowBaseReadTest {
    @TempDir
    Path tmp;

    @Test
    void aSlowBaseReadBlocksNeitherWritersNorReaders() throws Exception {
        byte[] content = new byte[3 * 4096];
        new Random(3).nextBytes(content);
        CountDownLatch inBaseRead = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        boolean[] slow = {false};
        try (LocalVenti venti = LocalVenti.open(tmp.resolve("venti"))) {
            Cache.format(tmp.resolve("cache"), 64 << 20, 4096, 0, 0);
            VacBaseReader fromVenti = new VacBaseReader(venti);
            BaseReader gated = (base, offset, dst, dstOffset, length) -> {
                if (slow[0] && Thread.currentThread().getName().equals("stuck reader")) {
                    inBaseRead.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException("interrupted in a slow base read");
                    }
                }
                fromVenti.read(base, offset, dst, dstOffset, length);
            };
            try (Cache cache = Cache.open(tmp.resolve("cache"), gated, () -> 1_000_000_000L)) {
                long file = cache.create(Cache.ROOT, "archived", 0644, 0, 0).ino();
                cache.write(file, 0, content, 0, content.length);
                FrozenTree view = cache.freeze();
                cache.retire(view.epoch(), TestArchiver.archive(view, venti));
                slow[0] = true;

                byte[] stuckResult = new byte[content.length];
                Thread stuck = new Thread(() -> {
                    try {
                        cache.read(file, 0, stuckResult, 0, stuckResult.length);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }, "stuck reader");
                cache.create(Cache.ROOT, "opens-a-group", 0644, 0, 0); // so the read goes through the writers' lock
                stuck.start();
                assertTrue(inBaseRead.await(30, TimeUnit.SECONDS), "the reader reached Venti");

                CompletableFuture<Void> others = CompletableFuture.runAsync(() -> {
                    try {
                        long other = cache.create(Cache.ROOT, "new", 0644, 0, 0).ino();
                        cache.write(other, 0, new byte[] {1, 2, 3}, 0, 3);
                        cache.write(file, 0, new byte[] {9}, 0, 1); // the archived file changes after the stuck read began
                        byte[] again = new byte[content.length];
                        cache.read(file, 0, again, 0, again.length);
                        byte[] expected = content.clone();
                        expected[0] = 9;
                        assertArrayEquals(expected, again);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                others.get(30, TimeUnit.SECONDS); // would time out if the stuck read held the lock
                release.countDown();
                stuck.join(30_000);
                assertArrayEquals(content, stuckResult, "the stuck read returns the file as it was when it began");
            }
        }
    }
}

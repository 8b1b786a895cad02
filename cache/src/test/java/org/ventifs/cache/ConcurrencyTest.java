package org.ventifs.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four threads of mixed operations: each on its own file and directory entries, all on one
 * shared file (disjoint block ranges) and one shared directory, with freezes and reads of
 * the frozen view in between. Afterwards every thread's expected state is there and the
 * tables are consistent.
 */
class ConcurrencyTest {
    private static final int THREADS = 4;
    private static final int OPS = 1500;
    private static final int BS = 1024;

    @TempDir
    Path tmp;

    @Test
    void fourThreadsOfMixedOperations() throws Exception {
        Cache.format(tmp, 256 << 20, BS, 0, 0);
        try (Cache cache = Cache.open(tmp, null)) {
            long shared = cache.create(Cache.ROOT, "shared", 0644, 0, 0).ino();
            long sharedDir = cache.mkdir(Cache.ROOT, "dir", 0755, 0, 0).ino();
            byte[][] sharedExpected = new byte[THREADS][];
            Set<String> names = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<byte[]>> own = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                own.add(pool.submit(() -> work(cache, id, shared, sharedDir, sharedExpected, names)));
            }
            List<byte[]> ownContent = new ArrayList<>();
            for (Future<byte[]> f : own) {
                ownContent.add(f.get());
            }
            pool.shutdown();
            for (int t = 0; t < THREADS; t++) {
                long ino = cache.lookup(Cache.ROOT, "own" + t).ino();
                assertArrayEquals(ownContent.get(t), TreeDump.content(cache, ino, cache.getattr(ino).size()));
                byte[] region = new byte[BS * 4];
                for (int i = 0; i < 4; i++) {
                    cache.read(shared, (long) (i * THREADS + t) * BS, region, i * BS, BS);
                }
                assertArrayEquals(sharedExpected[t], region, "thread " + t + "'s blocks of the shared file");
            }
            Set<String> listed = new HashSet<>();
            for (DirEntry e : cache.readdir(sharedDir, 0, 100_000)) {
                listed.add(e.name());
            }
            assertEquals(names, listed);
            ConsistencyCheck.verify(cache);
        }
    }

    private static byte[] work(Cache cache, int id, long shared, long sharedDir, byte[][] sharedExpected,
                               Set<String> names) throws Exception {
        Random r = new Random(id * 1000L + 17);
        long mine = cache.create(Cache.ROOT, "own" + id, 0644, id, id).ino();
        byte[] expected = new byte[0];
        byte[] region = new byte[BS * 4];
        List<String> created = new ArrayList<>();
        for (int op = 0; op < OPS; op++) {
            switch (r.nextInt(8)) {
                case 0, 1 -> {
                    int off = r.nextInt(6 * BS);
                    byte[] data = new byte[1 + r.nextInt(2 * BS)];
                    r.nextBytes(data);
                    cache.write(mine, off, data, 0, data.length);
                    if (off + data.length > expected.length) {
                        expected = Arrays.copyOf(expected, off + data.length);
                    }
                    System.arraycopy(data, 0, expected, off, data.length);
                }
                case 2 -> {
                    int size = r.nextInt(6 * BS);
                    cache.setattr(mine, AttrChange.none().withSize(size));
                    expected = Arrays.copyOf(expected, size);
                }
                case 3 -> {
                    int i = r.nextInt(4);
                    byte[] block = new byte[BS];
                    r.nextBytes(block);
                    cache.write(shared, (long) (i * THREADS + id) * BS, block, 0, BS);
                    System.arraycopy(block, 0, region, i * BS, BS);
                }
                case 4 -> {
                    String name = "t" + id + "-" + op;
                    cache.create(sharedDir, name, 0600, id, id);
                    names.add(name);
                    created.add(name);
                }
                case 5 -> {
                    if (!created.isEmpty()) {
                        String name = created.remove(r.nextInt(created.size()));
                        cache.unlink(sharedDir, name);
                        names.remove(name);
                    }
                }
                case 6 -> {
                    byte[] back = new byte[expected.length];
                    assertEquals(expected.length, cache.read(mine, 0, back, 0, back.length));
                    assertArrayEquals(expected, back);
                    cache.readdir(sharedDir, 0, 50);
                }
                default -> {
                    if (id == 0 && r.nextInt(10) == 0) {
                        try (FrozenTree view = cache.freeze()) {
                            byte[] frozen = TreeDump.content(view, mine, view.getattr(mine).size());
                            assertArrayEquals(expected, frozen);
                            view.changedInodes();
                        }
                    } else {
                        cache.getattr(shared);
                        cache.lookup(Cache.ROOT, "own" + id);
                    }
                }
            }
        }
        sharedExpected[id] = region;
        return expected;
    }
}

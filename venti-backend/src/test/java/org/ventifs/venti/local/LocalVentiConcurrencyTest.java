package org.ventifs.venti.local;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;

/** Four threads writing (some of the same blocks), reading and syncing (or checkpointing in the background) at once. */
class LocalVentiConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void fourThreadsOfMixedReadsAndWrites() throws Exception {
        // A small cache, so that reads go to the arenas and the write buffer.
        run(LocalVentiTest.SMALL.withCacheBytes(64 << 10), true);
    }

    @Test
    void backgroundCheckpointsRunWhileFourThreadsWrite() throws Exception {
        LocalVentiConfig tiny = new LocalVentiConfig(256 << 10, 64 << 10, 16, 1 << 20);
        run(tiny, false);
    }

    private void run(LocalVentiConfig config, boolean syncs) throws Exception {
        Map<Score, byte[]> written = new ConcurrentHashMap<>();
        List<Score> order = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (LocalVenti store = LocalVenti.open(dir, config)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    Random rnd = new Random(thread);
                    // Blocks from this seed are written by two threads: dedup races.
                    Random shared = new Random(100 + thread % 2);
                    int reads = 0;
                    for (int i = 0; i < 400; i++) {
                        int op = rnd.nextInt(10);
                        if (op < 4) {
                            byte[] b = LocalVentiTest.random(op < 2 ? rnd : shared, 1 + rnd.nextInt(20000));
                            Score s = store.put(BlockType.DATA, b, 0, b.length);
                            if (written.putIfAbsent(s, b) == null) {
                                order.add(s);
                            }
                        } else if (op < 9 && !order.isEmpty()) {
                            Score s = order.get(rnd.nextInt(order.size()));
                            assertArrayEquals(written.get(s), store.get(s, BlockType.DATA));
                            reads++;
                        } else if (syncs) {
                            store.sync();
                        }
                    }
                    return reads;
                }));
            }
            int reads = 0;
            for (Future<Integer> f : results) {
                reads += f.get();
            }
            assertTrue(reads > 500, "reads happened: " + reads);
            if (!syncs) {
                assertTrue(store.checkpointsCommitted() > 5, "checkpoints: " + store.checkpointsCommitted());
            }
        } finally {
            pool.shutdownNow();
        }
        try (LocalVenti store = LocalVenti.open(dir, config)) {
            for (Map.Entry<Score, byte[]> e : written.entrySet()) {
                assertArrayEquals(e.getValue(), store.get(e.getKey(), BlockType.DATA));
            }
            assertEquals(0, store.clumpsReindexedOnOpen());
        }
    }
}

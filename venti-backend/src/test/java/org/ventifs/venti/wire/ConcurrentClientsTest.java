package org.ventifs.venti.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;

/** Eight clients write overlapping blocks at once; every read returns exactly what was written. */
class ConcurrentClientsTest {
    private static final int CLIENTS = 8;
    private static final int SHARED = 300;
    private static final int OWN = 150;

    @TempDir
    Path dir;

    @Test
    void eightClientsWritingAndReadingOverlappingData() throws Exception {
        byte[][] shared = new byte[SHARED][];
        Random seed = new Random(8);
        for (int i = 0; i < SHARED; i++) {
            shared[i] = new byte[1 + seed.nextInt(16384)];
            seed.nextBytes(shared[i]);
        }
        Map<Score, byte[]> written = new ConcurrentHashMap<>();
        CyclicBarrier allWritten = new CyclicBarrier(CLIENTS);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try (RunningServer s = RunningServer.start(dir)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int id = c;
                results.add(pool.submit(() -> {
                    Random rnd = new Random(id);
                    int reads = 0;
                    try (VentiClient client = VentiClient.connect(s.address().toString())) {
                        for (int i = 0; i < SHARED + OWN; i++) {
                            byte[] block;
                            if (i % 3 == 2) {
                                block = ("client " + id + " block " + i).repeat(1 + rnd.nextInt(200)).getBytes();
                            } else {
                                block = shared[rnd.nextInt(SHARED)];
                            }
                            Score score = i % 2 == 0 ? client.put(BlockType.DATA, block, 0, block.length)
                                    : client.putAsync(BlockType.DATA, block, 0, block.length).get();
                            assertEquals(Score.of(block), score);
                            written.put(score, block);
                            assertArrayEquals(block, client.get(score, BlockType.DATA));
                            reads++;
                        }
                        client.sync();
                        allWritten.await();
                        for (Map.Entry<Score, byte[]> e : written.entrySet()) {
                            assertArrayEquals(e.getValue(), client.get(e.getKey(), BlockType.DATA));
                            reads++;
                        }
                    }
                    return reads;
                }));
            }
            int reads = 0;
            for (Future<Integer> r : results) {
                reads += r.get();
            }
            assertTrue(written.size() > SHARED / 2 + CLIENTS * OWN / 3, "blocks written: " + written.size());
            assertEquals(CLIENTS * (SHARED + OWN + written.size()), reads);
        } finally {
            pool.shutdownNow();
        }
    }
}

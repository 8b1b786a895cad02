package org.ventifs.venti.local;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.Score;

class IndexTest {
    @TempDir
    Path dir;

    private static BlockKey key(int i) {
        return new BlockKey(Score.of(new byte[] {(byte) i, (byte) (i >> 8)}), 13);
    }

    @Test
    void entriesAndTheMarkCommitTogetherAndSurviveReopen() throws IOException {
        Map<BlockKey, ClumpAddress> entries = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            entries.put(key(i), new ClumpAddress(i % 3, 24 + i * 100L, 60));
        }
        try (Index index = Index.open(dir)) {
            assertEquals(HighWaterMark.START, index.highWater());
            assertEquals(Optional.empty(), index.lookup(key(1)));
            index.commit(entries, new HighWaterMark(2, 5000), null);
        }
        try (Index index = Index.open(dir)) {
            assertEquals(new HighWaterMark(2, 5000), index.highWater());
            assertEquals(1000, index.size());
            for (Map.Entry<BlockKey, ClumpAddress> e : entries.entrySet()) {
                assertEquals(Optional.of(e.getValue()), index.lookup(e.getKey()));
            }
            List<BlockKey> visited = new ArrayList<>();
            index.forEach((k, a) -> {
                assertEquals(entries.get(k), a);
                visited.add(k);
            });
            assertEquals(1000, visited.size());
            index.clear();
            assertEquals(0, index.size());
            assertEquals(HighWaterMark.START, index.highWater());
        }
    }

    @Test
    void threadsThatComeAndGoDoNotUseUpReaderSlots() throws Exception {
        try (Index index = Index.open(dir)) {
            index.commit(Map.of(key(7), new ClumpAddress(0, 24, 100)), new HighWaterMark(0, 124), null);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int i = 0; i < 700; i++) {
                Thread t = new Thread(() -> {
                    try {
                        assertTrue(index.lookup(key(7)).isPresent());
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                t.start();
                t.join();
            }
            assertNull(failure.get(), () -> "a lookup failed: " + failure.get());
        }
    }

    @Test
    void aClosedIndexRefusesLookups() throws IOException {
        Index index = Index.open(dir);
        index.close();
        assertThrows(IOException.class, () -> index.lookup(key(1)));
        index.close();
    }
}

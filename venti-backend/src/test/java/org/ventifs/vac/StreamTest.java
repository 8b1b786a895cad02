package org.ventifs.vac;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.Score;
import org.ventifs.venti.local.LocalVenti;

/** StreamWriter, StreamReader and StreamUpdater over a real embedded store. */
class StreamTest extends StoreTest {
    /** 12 pointers per block, so depth boundaries come at 12, 144, 1728 leaves. */
    private static final int PSIZE = 256;
    private static final int DSIZE = 256;

    /** Random bytes with holes: about a third of the leaves are zeros. */
    static byte[] content(Random random, int size, int dsize) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        for (int leaf = 0; leaf * dsize < size; leaf++) {
            if (random.nextInt(3) == 0) {
                Arrays.fill(data, leaf * dsize, Math.min(size, (leaf + 1) * dsize), (byte) 0);
            }
        }
        return data;
    }

    static Entry write(BlockStore store, byte[] data, int psize, int dsize) throws IOException {
        StreamWriter writer = new StreamWriter(store, false, psize, dsize);
        for (int at = 0; at < data.length; at += dsize) {
            writer.appendLeaf(data, at, Math.min(dsize, data.length - at));
        }
        return writer.finish();
    }

    static byte[] readAll(BlockStore store, Entry entry, int chunk) throws IOException {
        StreamReader reader = new StreamReader(store, entry);
        byte[] out = new byte[(int) entry.size()];
        int at = 0;
        while (at < out.length) {
            int n = reader.read(at, out, at, Math.min(chunk, out.length - at));
            assertTrue(n > 0);
            at += n;
        }
        assertEquals(0, reader.read(at, new byte[1], 0, 1));
        return out;
    }

    @Test
    void streamsReadBackAcrossEveryDepthBoundary() throws IOException {
        Random random = new Random(1);
        int[] leafCounts = {0, 1, 2, 12, 13, 144, 145, 1728, 1729};
        int[] depths = {0, 0, 1, 1, 2, 2, 3, 3, 4};
        for (int i = 0; i < leafCounts.length; i++) {
            for (int delta : new int[] {-1, 0}) {
                int size = Math.max(0, leafCounts[i] * DSIZE + (leafCounts[i] > 0 ? delta * 17 : 0));
                byte[] data = content(random, size, DSIZE);
                Entry e = write(venti, data, PSIZE, DSIZE);
                assertEquals(size, e.size());
                if (delta == 0) {
                    assertEquals(depths[i], e.depth(), leafCounts[i] + " leaves");
                }
                assertArrayEquals(data, readAll(venti, e, 1000), size + " bytes");
                assertArrayEquals(data, readAll(venti, e, 77), size + " bytes in small reads");
            }
        }
    }

    @Test
    void randomRangesReadExactly() throws IOException {
        Random random = new Random(2);
        byte[] data = content(random, 300 * DSIZE + 100, DSIZE);
        Entry e = write(venti, data, PSIZE, DSIZE);
        StreamReader reader = new StreamReader(venti, e);
        for (int i = 0; i < 300; i++) {
            int offset = random.nextInt(data.length + 10);
            int length = random.nextInt(3000);
            byte[] dst = new byte[length + 5];
            int n = reader.read(offset, dst, 5, length);
            int expect = Math.max(0, Math.min(length, data.length - offset));
            assertEquals(expect, n);
            assertArrayEquals(Arrays.copyOfRange(data, Math.min(offset, data.length), Math.min(offset, data.length) + n),
                    Arrays.copyOfRange(dst, 5, 5 + n));
        }
    }

    @Test
    void sequentialReadsFetchAhead() throws IOException, InterruptedException {
        byte[] data = new byte[200 * DSIZE];
        new Random(7).nextBytes(data);
        Entry e = write(venti, data, PSIZE, DSIZE);
        CountingStore counting = new CountingStore(venti);
        StreamReader reader = new StreamReader(counting, e);
        byte[] leaf = new byte[DSIZE];
        for (int i = 0; i < 4; i++) {
            reader.read((long) i * DSIZE, leaf, 0, DSIZE);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (counting.gets.get() < 4 + 3 + 2 && System.nanoTime() < deadline) {
            Thread.sleep(10); // the fetchers run in the background
        }
        // Four leaves read, their pointer blocks, and leaves beyond them fetched ahead.
        assertTrue(counting.gets.get() >= 4 + 3 + 2, counting.gets.get() + " blocks fetched");
        assertTrue(counting.gets.get() <= 4 + 3 + StreamReader.MAX_READ_AHEAD + 4, counting.gets.get() + " fetched");
    }

    @Test
    void zerosAreHolesThatCostNothing() throws IOException {
        CountingStore counting = new CountingStore(venti);
        Entry e = write(counting, new byte[1000 * DSIZE], PSIZE, DSIZE);
        assertEquals(0, counting.puts.get());
        assertEquals(Score.ZERO, e.score());
        assertArrayEquals(new byte[1000 * DSIZE], readAll(venti, e, 4096));
    }

    @Test
    void changingOneLeafOfALargeStreamWritesDepthPlusOneBlocks() throws IOException {
        Random random = new Random(3);
        byte[] data = new byte[2000 * DSIZE];
        random.nextBytes(data);
        Entry base = write(venti, data, PSIZE, DSIZE);
        assertEquals(4, base.depth());
        CountingStore counting = new CountingStore(venti);
        byte[] leaf = new byte[DSIZE];
        random.nextBytes(leaf);
        Entry updated = StreamUpdater.update(counting, base, false, data.length, new TreeMap<>(
                java.util.Map.of(1500L, leaf)));
        assertEquals(base.depth() + 1, counting.puts.get());
        System.arraycopy(leaf, 0, data, 1500 * DSIZE, DSIZE);
        assertArrayEquals(data, readAll(venti, updated, 5000));
    }

    @Test
    void realBlockSizesChangeOneLeafWritesDepthPlusOne() throws IOException {
        Random random = new Random(4);
        byte[] data = new byte[500 * 8192];
        random.nextBytes(data);
        Entry base = write(venti, data, Entry.VAC_PSIZE, Entry.DEFAULT_DSIZE);
        assertEquals(2, base.depth());
        CountingStore counting = new CountingStore(venti);
        byte[] leaf = new byte[8192];
        random.nextBytes(leaf);
        Entry updated = StreamUpdater.update(counting, base, false, data.length, new TreeMap<>(
                java.util.Map.of(450L, leaf)));
        assertEquals(3, counting.puts.get());
        System.arraycopy(leaf, 0, data, 450 * 8192, 8192);
        assertArrayEquals(data, readAll(venti, updated, 65536));
    }

    /**
     * Random growth, shrinking and leaf changes, each checked against a model: the
     * stream reads back as the model, and its entry equals a fresh build of the model.
     */
    @Test
    void updatesMatchAFreshBuildOfTheModel() throws IOException {
        Random random = new Random(5);
        byte[] model = new byte[0];
        Entry entry = null;
        for (int step = 0; step < 60; step++) {
            int newSize = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(20 * DSIZE);
                case 1 -> random.nextInt(200 * DSIZE);
                case 2 -> random.nextInt(2000 * DSIZE);
                default -> model.length;
            };
            byte[] next = Arrays.copyOf(model, newSize);
            SortedMap<Long, byte[]> changes = new TreeMap<>();
            int leaves = (newSize + DSIZE - 1) / DSIZE;
            for (int c = random.nextInt(6); c > 0 && leaves > 0; c--) {
                long index = random.nextInt(leaves);
                byte[] leaf = new byte[DSIZE];
                if (random.nextInt(4) > 0) {
                    random.nextBytes(leaf);
                }
                changes.put(index, leaf);
            }
            for (var change : changes.entrySet()) {
                int at = (int) (change.getKey() * DSIZE);
                System.arraycopy(change.getValue(), 0, next, at, Math.min(DSIZE, newSize - at));
            }
            Entry base = entry != null ? entry : Entry.empty(PSIZE, DSIZE, false);
            entry = StreamUpdater.update(venti, base, false, newSize, changes);
            model = next;
            assertEquals(write(venti, model, PSIZE, DSIZE), entry, "step " + step + ", size " + newSize);
            assertArrayEquals(model, readAll(venti, entry, 4096), "step " + step);
        }
    }

    @Test
    void changedLeavesAreReadOneAtATimeInOrderAndOnlyBelowTheNewSize() throws IOException {
        Random rnd = new Random(21);
        byte[] data = content(rnd, 40 * DSIZE + 77, DSIZE);
        Entry base = write(venti, data, PSIZE, DSIZE);
        byte[] changed = data.clone();
        long[] indexes = {0, 3, 17, 39, 40, 41, 90};
        for (long i : indexes) {
            for (int j = 0; j < DSIZE && i * DSIZE + j < changed.length; j++) {
                changed[(int) (i * DSIZE + j)] ^= 0x5a;
            }
        }
        List<Long> reads = new ArrayList<>();
        ChangedLeaves leaves = new ChangedLeaves() {
            @Override
            public long[] indexes() {
                return indexes;
            }

            @Override
            public int read(long index, byte[] into) {
                reads.add(index);
                int from = (int) (index * DSIZE);
                int n = Math.max(0, Math.min(DSIZE, changed.length - from));
                System.arraycopy(changed, from, into, 0, n);
                return n;
            }
        };
        Entry updated = StreamUpdater.update(venti, base, false, changed.length, leaves);
        assertArrayEquals(changed, readAll(venti, updated, changed.length + 10));
        assertEquals(List.of(0L, 3L, 17L, 39L, 40L), reads);
    }

    @Test
    void aPaddedLeafIsTheSameBlockAsTheWholeZeroPaddedLeaf() throws IOException {
        Random rnd = new Random(22);
        StreamWriter padded = new StreamWriter(venti, false, PSIZE, DSIZE);
        StreamWriter whole = new StreamWriter(venti, false, PSIZE, DSIZE);
        for (int i = 0; i < 30; i++) {
            byte[] part = new byte[rnd.nextInt(DSIZE + 1)];
            rnd.nextBytes(part);
            if (part.length > 0 && i % 3 == 0) {
                part[part.length - 1] = 0; // a slice that itself ends in zeros
            }
            padded.appendPaddedLeaf(part, 0, part.length);
            whole.appendLeaf(Arrays.copyOf(part, DSIZE), 0, DSIZE);
        }
        Entry a = padded.finish();
        assertEquals(whole.finish(), a);
        assertEquals(30L * DSIZE, a.size());
    }

    @Test
    void aNullBaseStartsAStreamWithVacSizes() throws IOException {
        byte[] leaf = {1, 2, 3};
        Entry e = StreamUpdater.update(venti, null, false, 3, new TreeMap<>(java.util.Map.of(0L, leaf)));
        assertEquals(Entry.VAC_PSIZE, e.psize());
        assertEquals(Entry.DEFAULT_DSIZE, e.dsize());
        assertArrayEquals(leaf, readAll(venti, e, 10));
        assertThrows(IllegalArgumentException.class, () -> StreamUpdater.update(venti, e, false, 3,
                new TreeMap<>(java.util.Map.of(0L, new byte[8193]))));
        assertThrows(IllegalArgumentException.class, () -> StreamUpdater.update(venti, e, true, 3, new TreeMap<>()));
    }

    @Test
    void missingBlocksAreIoErrors(@TempDir Path other) throws IOException {
        byte[] data = content(new Random(6), 50 * DSIZE, DSIZE);
        data[0] = 1;
        Entry e = write(venti, data, PSIZE, DSIZE);
        try (LocalVenti empty = TestStores.open(other)) {
            StreamReader reader = new StreamReader(empty, e);
            assertThrows(IOException.class, () -> reader.read(0, new byte[10], 0, 10));
        }
    }
}

package org.ventifs.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.vac.Entry;
import org.ventifs.venti.local.LocalVenti;

/** Freeze and retire with real bases written to a LocalVenti: the hazards of docs/cache-format.md. */
class RetireTest {
    private static final int BS = 4096;

    @TempDir
    Path tmp;
    private LocalVenti venti;
    private Cache cache;
    private long file;
    private byte[] content;

    @BeforeEach
    void setUp() throws IOException {
        venti = LocalVenti.open(tmp.resolve("venti"));
        Cache.format(tmp.resolve("cache"), 64 << 20, BS, 0, 0);
        cache = Cache.open(tmp.resolve("cache"), venti);
        file = cache.create(Cache.ROOT, "f", 0644, 0, 0).ino();
        content = new byte[3 * BS + 100];
        new Random(7).nextBytes(content);
        cache.write(file, 0, content, 0, content.length);
    }

    @AfterEach
    void tearDown() throws IOException {
        cache.close();
        venti.close();
    }

    private void retire(FrozenTree view) throws IOException {
        cache.retire(view.epoch(), TestArchiver.archive(view, venti));
    }

    private byte[] readAll() throws IOException {
        return TreeDump.content(cache, file, cache.getattr(file).size());
    }

    @Test
    void retiredDataReadsBackFromVentiAndLeavesTheCache() throws IOException {
        FrozenTree view = cache.freeze();
        assertEquals(4, view.dirtyBlocks(file).length);
        retire(view);
        try (var txn = cache.environment().env.txnRead()) {
            assertEquals(0, cache.environment().blocks.stat(txn).entries);
        }
        assertArrayEquals(content, readAll());
        Entry base = Entry.decode(cache.freeze().base(file), 0);
        assertEquals(content.length, base.size());
    }

    @Test
    void blocksRewrittenAfterTheFreezeStay() throws IOException {
        FrozenTree view = cache.freeze();
        byte[] patch = {9, 9, 9};
        cache.write(file, BS + 10, patch, 0, 3);
        System.arraycopy(patch, 0, content, BS + 10, 3);
        retire(view);
        assertArrayEquals(content, readAll());
        FrozenTree next = cache.freeze();
        assertArrayEquals(new long[] {1}, next.dirtyBlocks(file));
    }

    @Test
    void truncationAfterTheFreezeHidesTheNewBase() throws IOException {
        FrozenTree view = cache.freeze();
        cache.setattr(file, AttrChange.none().withSize(100));
        cache.setattr(file, AttrChange.none().withSize(3 * BS));
        retire(view);
        byte[] expected = new byte[3 * BS];
        System.arraycopy(content, 0, expected, 0, 100);
        assertArrayEquals(expected, readAll());
        cache.write(file, 2 * BS, new byte[] {5}, 0, 1);
        expected[2 * BS] = 5;
        assertArrayEquals(expected, readAll());
    }

    @Test
    void truncationBeforeTheFreezeIsInTheBase() throws IOException {
        FrozenTree first = cache.freeze();
        retire(first);
        cache.setattr(file, AttrChange.none().withSize(BS + 1));
        cache.setattr(file, AttrChange.none().withSize(2 * BS));
        byte[] expected = Arrays.copyOf(Arrays.copyOf(content, BS + 1), 2 * BS);
        assertArrayEquals(expected, readAll());
        retire(cache.freeze());
        assertArrayEquals(expected, readAll());
        assertEquals(0, cache.freeze().dirtyBlocks(file).length);
    }

    @Test
    void deletedAfterTheFreezeIsSkipped() throws IOException {
        FrozenTree view = cache.freeze();
        cache.unlink(Cache.ROOT, "f");
        retire(view);
        assertThrows(ErrnoException.class, () -> cache.getattr(file));
    }

    @Test
    void retireRefusesToDropBlocksWithoutABase() throws IOException {
        FrozenTree view = cache.freeze();
        assertThrows(IllegalStateException.class, cache::freeze);
        assertThrows(IllegalStateException.class, () -> cache.retire(view.epoch() + 1, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> cache.retire(view.epoch(), Map.of()));
        assertArrayEquals(content, readAll());
        assertThrows(IllegalStateException.class, () -> cache.retire(view.epoch(), Map.of()), "the view is closed");
        FrozenTree again = cache.freeze();
        assertEquals(4, again.dirtyBlocks(file).length, "the failed retire dropped nothing");
        retire(again);
        assertArrayEquals(content, readAll());
    }

    @Test
    void frozenViewKeepsItsStateWhileWritersGoOn() throws IOException {
        FrozenTree view = cache.freeze();
        cache.write(file, 0, new byte[BS], 0, BS);
        cache.rename(Cache.ROOT, "f", Cache.ROOT, "g");
        byte[] frozen = TreeDump.content(view, file, content.length);
        assertArrayEquals(content, frozen);
        assertEquals("f", view.readdir(Cache.ROOT, 0, 10).get(0).name());
        assertEquals(java.util.List.of(new Link(Cache.ROOT, "f")), view.links(file));
        view.close();
        assertThrows(IllegalStateException.class, () -> view.getattr(file));
    }
}

package org.ventifs.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.Txn;
import org.ventifs.vac.Entry;
import org.ventifs.venti.Score;
import org.ventifs.venti.local.LocalVenti;

/** Bad input and faults: a missing or foreign cache, corrupt records, bad names, a base Venti cannot supply. */
class BadInputTest {
    @TempDir
    Path tmp;

    @Test
    void openingWhatIsNoCacheSaysWhatToDo() throws IOException {
        IOException e = assertThrows(IOException.class, () -> Cache.open(tmp.resolve("none"), null));
        assertTrue(e.getMessage().contains("ventifs format"), e.getMessage());
        Cache.format(tmp, 8 << 20, 4096, 0, 0);
        IOException twice = assertThrows(IOException.class, () -> Cache.format(tmp, 8 << 20, 4096, 0, 0));
        assertTrue(twice.getMessage().contains(tmp.toString()), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cache.format(tmp.resolve("x"), 8 << 20, 1000, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Cache.format(tmp.resolve("x"), 8 << 20, 65536, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Cache.format(tmp.resolve("x"), 1 << 20, 4096, 0, 0));
    }

    @Test
    void aCacheOpensOnlyOnce() throws IOException {
        Cache.format(tmp, 8 << 20, 4096, 0, 0);
        try (Cache cache = Cache.open(tmp, null)) {
            IOException e = assertThrows(IOException.class, () -> Cache.open(tmp, null));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            cache.create(Cache.ROOT, "still-works", 0644, 0, 0);
        }
        try (Cache cache = Cache.open(tmp, null)) {
            cache.lookup(Cache.ROOT, "still-works");
        }
    }

    @Test
    void anotherFormatVersionIsRefused() throws IOException {
        Cache.format(tmp, 8 << 20, 4096, 0, 0);
        try (Cache cache = Cache.open(tmp, null); Txn<ByteBuffer> txn = cache.environment().env.txnWrite()) {
            CacheHeader h = cache.environment().header(txn);
            cache.environment().putHeader(txn, new CacheHeader(2, h.blockSize(), h.capacity(), h.generation(),
                    h.nextIno(), h.epoch(), h.retiredEpoch()));
            txn.commit();
        }
        IOException e = assertThrows(IOException.class, () -> Cache.open(tmp, null));
        assertTrue(e.getMessage().contains("format version 2"), e.getMessage());
    }

    @Test
    void aCorruptRecordIsAnIoErrorNotWrongData() throws IOException {
        Cache.format(tmp, 8 << 20, 4096, 0, 0);
        try (Cache cache = Cache.open(tmp, null)) {
            long ino = cache.create(Cache.ROOT, "f", 0644, 0, 0).ino();
            try (Txn<ByteBuffer> txn = cache.environment().env.txnWrite()) {
                cache.environment().inodes.put(txn, LongKeys.of(ino), new byte[] {1, 2, 3});
                txn.commit();
            }
            assertEquals(Errno.EIO, assertThrows(ErrnoException.class, () -> cache.getattr(ino)).errno());
            assertEquals(Errno.EIO, assertThrows(ErrnoException.class,
                    () -> cache.write(ino, 0, new byte[1], 0, 1)).errno());
            assertEquals("f", cache.readdir(Cache.ROOT, 0, 10).get(0).name());
        }
    }

    @Test
    void badNamesAreRefused() throws IOException {
        Cache.format(tmp, 8 << 20, 4096, 0, 0);
        try (Cache cache = Cache.open(tmp, null)) {
            for (String name : new String[] {"", ".", "..", "a/b", "nul\0"}) {
                assertEquals(Errno.EINVAL, assertThrows(ErrnoException.class,
                        () -> cache.create(Cache.ROOT, name, 0644, 0, 0)).errno(), name);
            }
            assertEquals(Errno.ENAMETOOLONG, assertThrows(ErrnoException.class,
                    () -> cache.mkdir(Cache.ROOT, "é".repeat(128), 0755, 0, 0)).errno());
            cache.mkdir(Cache.ROOT, "é".repeat(127), 0755, 0, 0);
            assertEquals(Errno.ENAMETOOLONG, assertThrows(ErrnoException.class,
                    () -> cache.symlink(Cache.ROOT, "s", "x".repeat(4096), 0, 0)).errno());
            assertEquals(Errno.EINVAL, assertThrows(ErrnoException.class,
                    () -> cache.mknod(Cache.ROOT, "d", FileType.DIRECTORY.modeBits() | 0755, 0, 0, 0)).errno());
            assertTrue(cache.readdir(Cache.ROOT, 0, 10).size() == 1);
            long f = cache.create(Cache.ROOT, "big", 0644, 0, 0).ino();
            assertEquals(Errno.EFBIG, assertThrows(ErrnoException.class,
                    () -> cache.write(f, (1L << 48) - 1, new byte[1], 0, 1)).errno());
            assertEquals(Errno.EFBIG, assertThrows(ErrnoException.class,
                    () -> cache.setattr(f, AttrChange.none().withSize(1L << 48))).errno());
            cache.write(f, (1L << 48) - 2, new byte[] {5}, 0, 1);
            assertEquals((1L << 48) - 1, cache.getattr(f).size());
        }
    }

    @Test
    void aBaseVentiCannotSupplyReadsAsEio() throws IOException {
        Cache.format(tmp.resolve("cache"), 8 << 20, 4096, 0, 0);
        try (LocalVenti venti = LocalVenti.open(tmp.resolve("venti"));
             Cache cache = Cache.open(tmp.resolve("cache"), venti)) {
            long ino = cache.create(Cache.ROOT, "f", 0644, 0, 0).ino();
            cache.write(ino, 0, new byte[] {1}, 0, 1);
            FrozenTree view = cache.freeze();
            Entry missing = new Entry(0, Entry.VAC_PSIZE, 4096, 0, false, 1, Score.of(new byte[] {42}), true);
            cache.retire(view.epoch(), Map.of(ino, missing.encode()));
            ErrnoException e = assertThrows(ErrnoException.class, () -> cache.read(ino, 0, new byte[1], 0, 1));
            assertEquals(Errno.EIO, e.errno());
            assertTrue(e.getMessage().contains("inode " + ino), e.getMessage());
        }
    }
}

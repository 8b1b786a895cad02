package org.ventifs.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.local.LocalVenti;

/** {@link Cache#dirtyData()}: what writes, truncation, unlink, retire and a reopen do to it. */
class DirtyDataTest {
    private static final int BS = 4096;

    @TempDir
    Path tmp;

    @Test
    void countsDirtyBlockBytesAcrossReopenAndRetire() throws IOException {
        Cache.format(tmp.resolve("cache"), 64 << 20, BS, 0, 0);
        try (LocalVenti venti = LocalVenti.open(tmp.resolve("venti"))) {
            long a;
            try (Cache cache = Cache.open(tmp.resolve("cache"), venti)) {
                assertEquals(new DirtyData(0, 0, 0), cache.dirtyData());
                a = cache.create(Cache.ROOT, "a", 0644, 0, 0).ino();
                byte[] ones = new byte[2 * BS + 10];
                Arrays.fill(ones, (byte) 1);
                cache.write(a, 0, ones, 0, ones.length);
                cache.write(a, 0, ones, 0, 100); // a rewrite counts once
                long b = cache.create(Cache.ROOT, "b", 0644, 0, 0).ino();
                cache.write(b, 0, ones, 0, 7);
                byte[] tailZeros = new byte[BS];
                tailZeros[0] = 9;
                cache.write(b, BS, tailZeros, 0, BS); // stored as 1 byte
                DirtyData d = cache.dirtyData();
                assertEquals(5, d.blocks());
                assertEquals(2 * BS + 10 + 7 + 1, d.bytes());
                assertEquals(3, d.changedInodes(), "the root, a and b");
                cache.unlink(Cache.ROOT, "b");
                cache.setattr(a, AttrChange.none().withSize(BS + 5));
            }
            try (Cache cache = Cache.open(tmp.resolve("cache"), venti)) {
                assertEquals(2, cache.dirtyData().blocks(), "counted again after a reopen");
                assertEquals(BS + 5, cache.dirtyData().bytes());
                FrozenTree view = cache.freeze();
                cache.write(a, 0, new byte[] {5}, 0, 1); // rewritten after the freeze: stays dirty
                cache.retire(view.epoch(), TestArchiver.archive(view, venti));
                DirtyData after = cache.dirtyData();
                assertEquals(1, after.blocks());
                assertEquals(BS, after.bytes());
            }
        }
    }
}

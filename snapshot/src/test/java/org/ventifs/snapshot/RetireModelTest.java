package org.ventifs.snapshot;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.cache.AttrChange;
import org.ventifs.cache.Cache;
import org.ventifs.cache.ErrnoException;
import org.ventifs.cache.FrozenTree;

/**
 * A deterministic model of what the crash test does at random: writes and truncates before
 * a freeze, during the archive, and around abandoned archives and reopened caches; after
 * every step the active tree must equal an in-memory model, byte for byte.
 */
class RetireModelTest {
    static final String[] FILES = {"f0", "f1", "f2"};

    @TempDir
    Path dir;

    private final Map<String, byte[]> model = new HashMap<>();
    private DataDir data;

    @Test
    void archivesInterleavedWithChangesAndCrashesKeepEveryByte() throws IOException {
        for (long seed = 1; seed <= 12; seed++) {
            run(seed);
        }
    }

    private void run(long seed) throws IOException {
        Path d = dir.resolve("s" + seed);
        model.clear();
        data = DataDir.open(d, Clock.systemUTC());
        Random random = new Random(seed);
        try {
            for (int step = 0; step < 120; step++) {
                int what = random.nextInt(10);
                if (what < 6) {
                    change(random);
                } else if (what < 8) {
                    archive(random, true);
                } else if (what < 9) {
                    archive(random, false); // abandoned: the crash came before retire
                } else {
                    reopen();
                }
                check("seed " + seed + " step " + step);
            }
        } finally {
            data.close();
        }
    }

    private void archive(Random random, boolean retire) throws IOException {
        FrozenTree view = data.cache.freeze();
        DumpRecord prev = data.catalog.newest();
        java.util.concurrent.CompletableFuture<Archiver.Result> archived = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new Archiver(view, data.store, new ProgressCounter(System::currentTimeMillis))
                        .archive("2026/0101.1", prev == null ? org.ventifs.venti.Score.ZERO : prev.root());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        for (int i = random.nextInt(6); i > 0; i--) {
            change(random); // writers carry on while the archive runs
        }
        Archiver.Result r = archived.join();
        data.store.sync();
        for (int i = random.nextInt(3); i > 0; i--) {
            change(random); // and between the archive and the retire
        }
        if (retire) {
            data.cache.retire(view.epoch(), r.newBases());
        } else {
            view.close();
            reopen();
        }
    }

    private void reopen() throws IOException {
        Path d = data.dir;
        data.close();
        data = DataDir.open(d, Clock.systemUTC());
    }

    private void change(Random random) throws IOException {
        Cache cache = data.cache;
        String name = FILES[random.nextInt(FILES.length)];
        long ino;
        try {
            ino = cache.lookup(Cache.ROOT, name).ino();
        } catch (ErrnoException e) {
            ino = cache.create(Cache.ROOT, name, 0644, 0, 0).ino();
            model.put(name, new byte[0]);
        }
        byte[] content = model.get(name);
        int offset = random.nextInt(CrashWorkload.MAX_SIZE);
        if (random.nextInt(4) == 0) {
            cache.setattr(ino, AttrChange.none().withSize(offset));
            model.put(name, Arrays.copyOf(content, offset));
            return;
        }
        byte[] chunk = new byte[1 + random.nextInt(Math.min(3 * DataDir.BLOCK_SIZE, CrashWorkload.MAX_SIZE - offset))];
        random.nextBytes(chunk);
        cache.write(ino, offset, chunk, 0, chunk.length);
        byte[] next = Arrays.copyOf(content, Math.max(content.length, offset + chunk.length));
        System.arraycopy(chunk, 0, next, offset, chunk.length);
        model.put(name, next);
    }

    private void check(String where) throws IOException {
        for (Map.Entry<String, byte[]> e : model.entrySet()) {
            byte[] now = CrashWorkload.read(data.cache, data.cache.lookup(Cache.ROOT, e.getKey()).ino());
            assertArrayEquals(e.getValue(), now, where + ": " + e.getKey() + " differs from the model at byte "
                    + Arrays.mismatch(e.getValue(), now));
        }
    }
}

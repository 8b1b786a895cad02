package org.ventifs.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.ventifs.cache.Cache;
import org.ventifs.venti.local.LocalVenti;

/** A real data directory for tests: an embedded store, a cache of 4 KiB blocks, a catalog and a snapshotter. */
final class DataDir implements AutoCloseable {
    static final int BLOCK_SIZE = 4096;

    final Path dir;
    final LocalVenti store;
    final Cache cache;
    final Catalog catalog;
    final Snapshotter snapshotter;

    private DataDir(Path dir, Clock clock) throws IOException {
        this.dir = dir;
        Path cacheDir = dir.resolve("cache");
        if (!Files.exists(cacheDir)) {
            Files.createDirectories(cacheDir);
            Cache.format(cacheDir, 256L << 20, BLOCK_SIZE, 1000, 1000);
        }
        store = LocalVenti.open(dir.resolve("venti"));
        cache = Cache.open(cacheDir, store);
        catalog = Catalog.open(dir.resolve("catalog"));
        snapshotter = new Snapshotter(cache, store, catalog, clock);
    }

    /** Opens (formatting on first use) the data directory {@code dir}. */
    static DataDir open(Path dir, Clock clock) throws IOException {
        return new DataDir(dir, clock);
    }

    @Override
    public void close() throws IOException {
        snapshotter.close();
        cache.close();
        store.close();
    }
}

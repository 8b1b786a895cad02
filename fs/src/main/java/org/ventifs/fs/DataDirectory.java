package org.ventifs.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ventifs.cache.Cache;
import org.ventifs.snapshot.Catalog;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.local.LocalVenti;

/**
 * One file system's data directory (docs/data-directory.md), opened: the embedded
 * store, the cache and the catalog. Formats what is missing on first use.
 */
public final class DataDirectory implements AutoCloseable {
    /** The cache's capacity when nothing else is said: half the free disk, 64 MiB to 256 GiB. */
    private static final long MIN_CAPACITY = 64L << 20;
    private static final long MAX_CAPACITY = 256L << 30;

    private final Path dir;
    private final BlockStore store;
    private final Cache cache;
    private final Catalog catalog;

    private DataDirectory(Path dir, BlockStore store, Cache cache, Catalog catalog) {
        this.dir = dir;
        this.store = store;
        this.cache = cache;
        this.catalog = catalog;
    }

    /**
     * Opens the data directory {@code dir}, creating it and formatting its embedded
     * store, cache (root directory owned by {@code uid}:{@code gid}) and catalog when
     * they do not exist yet.
     *
     * @throws IOException naming the part that cannot be opened or created
     */
    public static DataDirectory openOrFormat(Path dir, int uid, int gid) throws IOException {
        Files.createDirectories(dir);
        Path cacheDir = dir.resolve("cache");
        if (!Files.exists(cacheDir.resolve("data.mdb"))) {
            Files.createDirectories(cacheDir);
            long free = Files.getFileStore(cacheDir).getUsableSpace();
            long capacity = Math.max(MIN_CAPACITY, Math.min(MAX_CAPACITY, free / 2));
            Cache.format(cacheDir, capacity, Cache.DEFAULT_BLOCK_SIZE, uid, gid);
        }
        BlockStore store = LocalVenti.open(dir.resolve("venti"));
        Cache cache = null;
        try {
            cache = Cache.open(cacheDir, store);
            Catalog catalog = Catalog.open(dir.resolve("catalog"));
            return new DataDirectory(dir, store, cache, catalog);
        } catch (IOException | RuntimeException e) {
            if (cache != null) {
                cache.close();
            }
            store.close();
            throw e;
        }
    }

    public Path path() {
        return dir;
    }

    public BlockStore store() {
        return store;
    }

    public Cache cache() {
        return cache;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Makes everything durable and closes the cache, then the store. */
    @Override
    public void close() throws IOException {
        try {
            cache.close();
        } finally {
            store.sync();
            store.close();
        }
    }
}

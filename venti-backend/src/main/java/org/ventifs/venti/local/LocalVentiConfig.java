package org.ventifs.venti.local;

/**
 * Tunables of a {@link LocalVenti}.
 *
 * @param arenaCapacity the size at which an arena is sealed, trailer included
 * @param cacheBytes the byte bound of the cache of recently read blocks
 * @param checkpointEntries unsynced writes after which the store syncs by itself, bounding
 *        the memory of unindexed entries and the work of re-indexing after a crash
 * @param readAheadBytes how far ahead sequential reads read and verify in parallel (0: never)
 */
public record LocalVentiConfig(long arenaCapacity, long cacheBytes, int checkpointEntries, int readAheadBytes) {
    /** 512 MiB arenas, a 64 MiB block cache, a checkpoint every 32768 writes, 1 MiB read-ahead. */
    public static final LocalVentiConfig DEFAULT = new LocalVentiConfig(512L << 20, 64L << 20, 32768, 1 << 20);

    /** The smallest arena: room for the header, one largest clump and the trailer. */
    public static final long MIN_ARENA_CAPACITY =
            ArenaHeader.SIZE + ClumpHeader.SIZE + org.ventifs.venti.BlockStore.MAX_BLOCK_SIZE + ArenaTrailer.SIZE;

    public LocalVentiConfig {
        if (arenaCapacity < MIN_ARENA_CAPACITY) {
            throw new IllegalArgumentException("arena capacity must be at least " + MIN_ARENA_CAPACITY
                    + " bytes, not " + arenaCapacity);
        }
        if (cacheBytes < 0 || checkpointEntries < 1 || readAheadBytes < 0) {
            throw new IllegalArgumentException("cache and read-ahead bytes must be >= 0, checkpoint entries >= 1");
        }
    }

    /** This configuration with arenas of {@code bytes}. */
    public LocalVentiConfig withArenaCapacity(long bytes) {
        return new LocalVentiConfig(bytes, cacheBytes, checkpointEntries, readAheadBytes);
    }

    /** This configuration with a block cache of {@code bytes}. */
    public LocalVentiConfig withCacheBytes(long bytes) {
        return new LocalVentiConfig(arenaCapacity, bytes, checkpointEntries, readAheadBytes);
    }

    /** This configuration with a read-ahead of {@code bytes} (0 turns it off). */
    public LocalVentiConfig withReadAheadBytes(int bytes) {
        return new LocalVentiConfig(arenaCapacity, cacheBytes, checkpointEntries, bytes);
    }
}

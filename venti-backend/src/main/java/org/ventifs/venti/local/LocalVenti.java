package org.ventifs.venti.local;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.BlockTooLargeException;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.NoSuchBlockException;
import org.ventifs.venti.Score;
import org.ventifs.venti.ScoreCollisionException;

/**
 * The embedded Venti store: append-only arena files in {@code DIR/arenas}, an LMDB
 * index in {@code DIR/index} that is only a cache of them, and a byte-bounded cache
 * of recently read blocks. See docs/store-format.md.
 *
 * <p>Thread-safe. Writes append under one lock; reads run in parallel. Index entries
 * of writes not yet synced live in memory and reach LMDB, with the high-water mark,
 * in one transaction per {@link #sync} (or per checkpoint, every few thousand writes).
 */
public final class LocalVenti implements BlockStore {
    private final Path dir;
    private final LocalVentiConfig config;
    private final StoreLock storeLock;
    private final ArenaDirectory arenas;
    private final Index index;
    /** Blocks read lately; null when the configuration asks for no cache (one-pass readers). */
    private final Cache<BlockKey, byte[]> cache;
    private final Map<Integer, Arena> readers = new ConcurrentHashMap<>();
    private final Map<BlockKey, ClumpAddress> unsynced;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReadAhead readAhead;
    private final StoreRecovery.Outcome recovery;
    private final StoreCounter counter;
    /** Guarded by writeLock. */
    private volatile ArenaAppender appender;
    /** The high-water mark last committed to the index; guarded by writeLock. */
    private HighWaterMark committedMark;
    /** How many checkpoints have committed; written under writeLock. */
    private volatile long checkpoints;
    /** Held while a checkpoint forces and commits, so checkpoints never overlap. */
    private final ReentrantLock checkpointLock = new ReentrantLock();
    /** Runs the checkpoints that appends start, so appends go on while the disk syncs. */
    private final ExecutorService checkpointer;
    /** Whether a background checkpoint is queued or running; guarded by writeLock. */
    private boolean checkpointPending;
    private volatile boolean closed;

    private LocalVenti(Path dir, LocalVentiConfig config, StoreLock storeLock, Index index) throws IOException {
        this.dir = dir;
        this.config = config;
        this.storeLock = storeLock;
        this.arenas = new ArenaDirectory(dir.resolve("arenas"));
        this.index = index;
        this.unsynced = new ConcurrentHashMap<>(config.checkpointEntries() * 2);
        this.readAhead = new ReadAhead(config.readAheadBytes());
        this.cache = config.cacheBytes() == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(config.cacheBytes())
                .weigher((BlockKey k, byte[] v) -> v.length + 64)
                // Upkeep on the calling thread: no hand-off to a pool on every read.
                .executor(Runnable::run)
                .build();
        this.recovery = StoreRecovery.run(arenas, index, config.arenaCapacity());
        this.appender = recovery.appender();
        this.committedMark = index.highWater();
        this.counter = new StoreCounter(recovery.counts());
        this.checkpointer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "store-checkpoint " + dir);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the store in {@code dir} with the default configuration, creating it when
     * the folder is empty or absent, and re-indexing what the index lacks.
     *
     * @throws IOException when the store is in use, damaged beyond its torn tail, or unreadable
     */
    public static LocalVenti open(Path dir) throws IOException {
        return open(dir, LocalVentiConfig.DEFAULT);
    }

    /** As {@link #open(Path)}, with {@code config}. */
    public static LocalVenti open(Path dir, LocalVentiConfig config) throws IOException {
        Files.createDirectories(dir);
        if (!Files.isDirectory(dir.resolve("arenas")) && !isEmptyFolder(dir)) {
            throw new IOException(dir + " holds other files and no store; name an empty or absent folder for a new store");
        }
        StoreLock lock = StoreLock.acquire(dir);
        Index index = null;
        try {
            index = Index.open(dir.resolve("index"));
            return new LocalVenti(dir, config, lock, index);
        } catch (IOException | RuntimeException e) {
            if (index != null) {
                index.close();
            }
            lock.close();
            throw e;
        }
    }

    /** Whether {@code dir} holds nothing but what an interrupted first open may have left (lock, index). */
    private static boolean isEmptyFolder(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).allMatch(n -> n.equals("lock") || n.equals("index"));
        }
    }

    /** The store's folder. */
    public Path dir() {
        return dir;
    }

    /** Bytes of torn clumps cut from the last arena's tail when this store opened (0 normally). */
    public long droppedTailBytes() {
        return recovery.droppedBytes();
    }

    /** Damaged stretches of arenas, followed by valid clumps, that opening this store passed over (0 normally). */
    public long damagedStretchesSkippedOnOpen() {
        return recovery.damagedStretches();
    }

    /** Clumps that were missing from the index and were indexed again when this store opened. */
    public long clumpsReindexedOnOpen() {
        return recovery.clumpsIndexed();
    }

    /** What has been written to this store and what it keeps (docs/store-format.md, "Counts"); empty when unknown. */
    public Optional<StoreCounts> counts() {
        return counter.total();
    }

    /**
     * The bytes of the store's files on disk: the arenas and the index (its files' sizes).
     *
     * @throws IOException when a folder cannot be listed
     */
    public long bytesOnDisk() throws IOException {
        long total = 0;
        for (Path sub : new Path[] {arenas.dir(), index.dir()}) {
            try (Stream<Path> files = Files.list(sub)) {
                for (Path f : files.toList()) {
                    total += Files.isRegularFile(f) ? Files.size(f) : 0;
                }
            }
        }
        return total;
    }

    @Override
    public Score put(BlockType type, byte[] data, int offset, int length) throws IOException {
        if (length > MAX_BLOCK_SIZE) {
            throw new BlockTooLargeException(length);
        }
        checkOpen();
        if (length == 0) {
            return Score.ZERO;
        }
        Score score = Score.of(data, offset, length);
        BlockKey key = BlockKey.of(score, type);
        long checkpointsSeen = checkpoints;
        Optional<ClumpAddress> existing = locate(key);
        if (existing.isEmpty()) {
            ClumpCodec.Encoded clump = ClumpCodec.encodeForAppend(key.wireType(), score, data, offset, length);
            writeLock.lock();
            try {
                checkOpen();
                // Another writer may have appended the block meanwhile. Unless a checkpoint
                // moved entries into LMDB since the lookup above, the unsynced map tells.
                existing = checkpoints == checkpointsSeen ? Optional.ofNullable(unsynced.get(key)) : locate(key);
                if (existing.isEmpty()) {
                    append(key, clump);
                    return score;
                }
            } finally {
                writeLock.unlock();
            }
        }
        Score same = confirmDuplicate(key, existing.get(), type, data, offset, length);
        counter.duplicate(length);
        return same;
    }

    /**
     * Compares a block being written with the stored block of the same key. Equal
     * bytes need no hashing of the stored copy: the new bytes hash to the score, so
     * the stored ones do too. Only a mismatch is verified, to tell a collision from
     * a corrupt arena.
     */
    private Score confirmDuplicate(BlockKey key, ClumpAddress address, BlockType type, byte[] data, int offset,
            int length) throws IOException {
        byte[] cached = cached(key);
        boolean same = cached != null ? Arrays.equals(cached, 0, cached.length, data, offset, offset + length)
                : storedHolds(key, address, data, offset, length);
        if (same) {
            return key.score();
        }
        if (cached == null) {
            // Throws CorruptBlockException when the stored copy is damaged rather than different.
            storedBlock(key, address, true);
        }
        throw new ScoreCollisionException(key.score(), type);
    }

    @Override
    public byte[] get(Score score, BlockType type) throws IOException {
        if (score.isZero()) {
            return new byte[0];
        }
        checkOpen();
        BlockKey key = BlockKey.of(score, type);
        byte[] cached = cached(key);
        if (cached != null) {
            return cached.clone();
        }
        byte[] readAhead = this.readAhead.take(key);
        if (readAhead != null) {
            // Verified when read ahead; a sequential scan needs no index lookup for it.
            return readAhead;
        }
        Optional<ClumpAddress> address = locate(key);
        if (address.isEmpty()) {
            throw new NoSuchBlockException(score, type);
        }
        return read(key, address.get());
    }

    @Override
    public void sync() throws IOException {
        checkOpen();
        checkpoint();
    }

    /** Syncs and releases the store; later calls fail. Closing twice does nothing. */
    @Override
    public void close() throws IOException {
        checkpointLock.lock();
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            checkpointer.shutdown();
            try {
                checkpoint();
            } finally {
                closed = true;
                appender.close();
                for (Arena a : readers.values()) {
                    a.close();
                }
                index.close();
                storeLock.close();
            }
        } finally {
            writeLock.unlock();
            checkpointLock.unlock();
        }
    }

    /** How many checkpoints (syncs, and those appends started) have committed since the store opened. */
    long checkpointsCommitted() {
        return checkpoints;
    }

    /** Where the clump of {@code key} lives: unsynced writes first, then the index. */
    private Optional<ClumpAddress> locate(BlockKey key) throws IOException {
        ClumpAddress a = unsynced.get(key);
        return a != null ? Optional.of(a) : index.lookup(key);
    }

    /**
     * Reads and verifies the block at {@code address} (read-ahead first, then the
     * arena) and returns an array the caller owns; the cache keeps a copy.
     */
    private byte[] read(BlockKey key, ClumpAddress address) throws IOException {
        byte[] block = readAhead.take(key, address);
        if (block != null) {
            // A sequential scan: caching its blocks would only push hot ones out.
            return block;
        }
        ensureFlushed(address);
        Arena arena = reader(address.arena());
        block = arena.readBlock(key, address, true);
        ArenaAppender current = appender;
        readAhead.afterMiss(arena, address, current.number() == address.arena() ? current.flushedEnd() : arena.size());
        if (cache == null) {
            return block;
        }
        cache.put(key, block);
        return block.clone();
    }

    private byte[] cached(BlockKey key) {
        return cache == null ? null : cache.getIfPresent(key);
    }

    /** Forgets the blocks kept in memory (cached or read ahead): later reads go to the arenas. */
    public void forgetCachedBlocks() {
        if (cache != null) {
            cache.invalidateAll();
            cache.cleanUp();
        }
        readAhead.clear();
    }

    /**
     * The block at {@code address}, taken from the write buffer while it is still there (a
     * duplicate of a block just written is common: flushing a few bytes to read them back
     * would cost a write each time), else read from its arena.
     */
    private byte[] storedBlock(BlockKey key, ClumpAddress address, boolean verify) throws IOException {
        Arena arena = reader(address.arena());
        ByteBuffer clump = copyIfBuffered(address);
        return clump != null ? arena.decode(key, address, clump, verify) : arena.readBlock(key, address, verify);
    }

    /** Whether the stored clump at {@code address} holds these bytes; see {@link Arena#holds}. */
    private boolean storedHolds(BlockKey key, ClumpAddress address, byte[] data, int offset, int length)
            throws IOException {
        Arena arena = reader(address.arena());
        ByteBuffer clump = copyIfBuffered(address);
        return clump != null ? arena.holds(key, address, clump, data, offset, length)
                : arena.holds(key, address, data, offset, length);
    }

    /** The clump at {@code address} in this thread's clump buffer while it is still in the write buffer, else null. */
    private ByteBuffer copyIfBuffered(ClumpAddress address) {
        ArenaAppender a = appender;
        if (a.number() != address.arena() || a.flushedEnd() > address.offset()) {
            return null;
        }
        ByteBuffer clump = Arena.clumpBuffer();
        writeLock.lock();
        try {
            return appender.copyBuffered(address, clump) ? clump : null;
        } finally {
            writeLock.unlock();
        }
    }

    /** Flushes the write buffer when {@code address} is still in it. */
    private void ensureFlushed(ClumpAddress address) throws IOException {
        ArenaAppender a = appender;
        if (a.number() == address.arena() && a.flushedEnd() < address.end()) {
            writeLock.lock();
            try {
                if (appender.number() == address.arena() && appender.flushedEnd() < address.end()) {
                    appender.flush();
                }
            } finally {
                writeLock.unlock();
            }
        }
    }

    private Arena reader(int number) throws IOException {
        Arena a = readers.get(number);
        if (a != null) {
            return a;
        }
        synchronized (readers) {
            a = readers.get(number);
            if (a == null) {
                checkOpen();
                a = Arena.open(arenas.path(number), number);
                readers.put(number, a);
            }
            return a;
        }
    }

    /** Appends a new clump; the caller holds the write lock. */
    private void append(BlockKey key, ClumpCodec.Encoded clump) throws IOException {
        if (!appender.fits(clump.header().clumpLength())) {
            appender.seal();
            int next = appender.number() + 1;
            ArenaAppender fresh = ArenaAppender.create(arenas.path(next), new ArenaHeader(next, config.arenaCapacity()));
            appender.close();
            appender = fresh;
        }
        unsynced.put(key, appender.append(clump));
        counter.newBlock(clump.header().rawSize(), clump.header().clumpLength());
        if (unsynced.size() >= config.checkpointEntries() && !checkpointPending) {
            checkpointPending = true;
            checkpointer.execute(this::backgroundCheckpoint);
        }
    }

    /**
     * A checkpoint an append asked for. A failure leaves the entries unsynced, in memory;
     * the next checkpoint takes them again, and {@link #sync} reports its own failure.
     */
    private void backgroundCheckpoint() {
        try {
            if (!closed) {
                checkpoint();
            }
        } catch (IOException | RuntimeException e) {
            // Left to the next checkpoint (see above).
        } finally {
            writeLock.lock();
            checkpointPending = false;
            writeLock.unlock();
        }
    }

    /**
     * Makes every append so far durable, then indexes them with the new high-water mark. The
     * write lock is held only to take the entries and to drop them once indexed: appends go
     * on while the arena syncs and the index commits. A caller holding the write lock must
     * hold the checkpoint lock too, taken first (as {@link #close} does).
     */
    private void checkpoint() throws IOException {
        checkpointLock.lock();
        try {
            Map<BlockKey, ClumpAddress> entries;
            HighWaterMark mark;
            StoreCounts counts;
            ArenaAppender arena;
            writeLock.lock();
            try {
                checkOpen();
                appender.flush();
                arena = appender;
                mark = new HighWaterMark(arena.number(), arena.tail());
                if (unsynced.isEmpty() && mark.equals(committedMark) && !counter.changedSinceCommit()) {
                    return;
                }
                entries = new HashMap<>(unsynced);
                counts = counter.total().orElse(null);
            } finally {
                writeLock.unlock();
            }
            arena.forceWritten();
            index.commit(entries, mark, counts);
            writeLock.lock();
            try {
                committedMark = mark;
                if (counts != null) {
                    counter.committed(counts);
                }
                checkpoints++;
                unsynced.keySet().removeAll(entries.keySet());
            } finally {
                writeLock.unlock();
            }
        } finally {
            checkpointLock.unlock();
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the store in " + dir + " is closed");
        }
    }
}

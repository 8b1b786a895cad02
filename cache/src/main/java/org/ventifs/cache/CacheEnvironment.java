package org.ventifs.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import org.lmdbjava.ByteBufferProxy;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * The cache's LMDB environment and its tables (docs/cache-format.md). Opened with
 * {@code MDB_NOMETASYNC}: a commit writes its data pages and flushes them before it writes
 * the meta page that makes them current, so a power loss can at most undo the last commit;
 * {@link #sync()} flushes that meta page too. No {@code MDB_WRITEMAP}: it would forbid the
 * nested transactions that let one operation of a commit group fail alone. {@code MDB_NOTLS}
 * lets a frozen view's read transaction move between threads.
 */
final class CacheEnvironment implements AutoCloseable {
    /** Pages that only space-freeing operations may use, so deleting works when the cache is full. */
    static final long MIN_RESERVE_PAGES = 256;
    private static final int MAX_READERS = 510;
    /** The file whose lock says a process has the cache open (LMDB alone would let two share it). */
    static final String LOCK_FILE = "ventifs-cache.lock";

    final Env<ByteBuffer> env;
    final Table header;
    final Table inodes;
    final Table dirents;
    final Table names;
    final Table blocks;
    final Table changed;
    final Table links;
    final Table orphans;
    private final Table[] all;
    final long pageSize;
    private long mapPages;
    /** The high-water mark of the last commit, in pages (see {@link #noteCommit}). */
    private volatile long committedPages;

    private final FileChannel lockFile;

    private CacheEnvironment(Path dir, long capacity, FileChannel lockFile) throws IOException {
        this.lockFile = lockFile;
        try {
            env = Env.create(ByteBufferProxy.PROXY_OPTIMAL).setMapSize(capacity).setMaxDbs(8)
                    .setMaxReaders(MAX_READERS).open(dir.toFile(), EnvFlags.MDB_NOMETASYNC, EnvFlags.MDB_NOTLS);
        } catch (LmdbException e) {
            throw new IOException("cannot open the cache in " + dir + " (" + e.getMessage()
                    + "); check that it is a ventifs cache directory and not in use", e);
        }
        header = table("header");
        inodes = table("inodes");
        dirents = table("dirents");
        names = table("names");
        blocks = table("blocks");
        changed = table("changed");
        links = table("links");
        orphans = table("orphans");
        all = new Table[] {header, inodes, dirents, names, blocks, changed, links, orphans};
        pageSize = env.stat().pageSize;
        mapPages = env.info().mapSize / pageSize;
        noteCommit();
    }

    private Table table(String name) {
        return new Table(env.openDbi(name, DbiFlags.MDB_CREATE));
    }

    /** Opens (creating when absent) the environment in {@code dir} with a map of {@code capacity} bytes. */
    static CacheEnvironment open(Path dir, long capacity) throws IOException {
        Files.createDirectories(dir);
        FileChannel lock = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (lock.tryLock() == null) {
                throw new IOException("the cache in " + dir + " is in use by another process; stop it (unmount) first");
            }
            CacheEnvironment db = new CacheEnvironment(dir, capacity, lock);
            db.env.readerCheck(); // clear reader slots left by killed processes, which would pin old pages
            return db;
        } catch (OverlappingFileLockException e) {
            lock.close();
            throw new IOException("the cache in " + dir + " is already open in this process", e);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The map's size in pages: the capacity. */
    long mapPages() {
        return mapPages;
    }

    /** Sets the map size (the capacity) to {@code capacity} bytes; no transaction may be open. */
    void resize(long capacity) {
        env.setMapSize(capacity);
        mapPages = env.info().mapSize / pageSize;
    }

    /** Whether {@code dir} holds an LMDB environment. */
    static boolean exists(Path dir) {
        return Files.exists(dir.resolve("data.mdb"));
    }

    /** Reads the header, or null when the environment has none yet. */
    CacheHeader header(Txn<ByteBuffer> txn) {
        byte[] bytes = header.get(txn, CacheHeader.KEY);
        return bytes == null ? null : CacheHeader.decode(bytes);
    }

    void putHeader(Txn<ByteBuffer> txn, CacheHeader h) {
        header.put(txn, CacheHeader.KEY, h.encode());
    }

    /** Pages in use by every table as {@code txn} sees them, plus the two meta pages. */
    long usedPages(Txn<ByteBuffer> txn) {
        long used = 2;
        for (Table dbi : all) {
            org.lmdbjava.Stat s = dbi.stat(txn);
            used += s.branchPages + s.leafPages + s.overflowPages;
        }
        return used + 2; // the main table, which holds the eight table records, fits in a branch and a leaf
    }

    /**
     * Whether {@code txn} leaves fewer than {@link #reservePages()} pages free. Counting the
     * tables' pages takes eight calls, so it is skipped while the high-water mark of the last
     * commit, plus the {@code pendingPages} written since, is far from the end of the map (one
     * operation writes far less than a reserve).
     */
    boolean intoReserve(Txn<ByteBuffer> txn, long pendingPages) {
        return nearlyFull(pendingPages) && usedPages(txn) > mapPages - reservePages();
    }

    /**
     * Whether the high-water mark of the last commit, plus {@code pendingPages} written since,
     * comes within four reserves of the end of the map. Then pages freed by earlier commits
     * must be reused, and LMDB reuses those of a commit only from the second commit after it.
     */
    boolean nearlyFull(long pendingPages) {
        return committedPages + pendingPages + 4 * reservePages() >= mapPages;
    }

    /** Reads the high-water mark a commit left, once per commit rather than once per operation. */
    void noteCommit() {
        committedPages = env.info().lastPageNumber + 1;
    }

    /** Pages that space-consuming operations must leave free. */
    long reservePages() {
        return Math.max(MIN_RESERVE_PAGES, mapPages / 64);
    }

    /** Forces every committed transaction to disk. */
    void sync() {
        env.sync(true);
    }

    /** Closes the environment and releases the directory's lock. */
    @Override
    public void close() {
        env.close();
        try {
            lockFile.close();
        } catch (IOException e) {
            // closing releases the lock in any case
        }
    }
}

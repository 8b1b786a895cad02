package org.ventifs.venti.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * The store's index in LMDB: {@link BlockKey} to {@link ClumpAddress} in the
 * {@code blocks} database, and the {@link HighWaterMark} in the {@code meta}
 * database. Only a cache of the arenas: it can be dropped and rebuilt at any time.
 * Lookups may run on any thread; {@link #commit} and {@link #clear} must not run
 * concurrently with each other (the store's write lock serialises them).
 */
final class Index implements AutoCloseable {
    /** The LMDB map size: sparse, so generous (about 2.7 billion entries). */
    private static final long MAP_SIZE = 64L << 30;
    private static final byte[] HIGH_WATER_KEY = "high-water".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COUNTS_KEY = "counts".getBytes(StandardCharsets.US_ASCII);

    private static final ThreadLocal<ByteBuffer> KEY_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BlockKey.SIZE));

    private final Path dir;
    private final Env<ByteBuffer> env;
    /**
     * Idle read transactions, reset between lookups and renewed for the next (cheaper
     * than new ones). A pool rather than one per thread, so that threads that come and
     * go do not use up LMDB's reader slots.
     */
    private final Queue<Txn<ByteBuffer>> idleLookupTxns = new ConcurrentLinkedQueue<>();
    private final Set<Txn<ByteBuffer>> lookupTxns = ConcurrentHashMap.newKeySet();
    /** Lookups hold it shared; close holds it exclusively, so no lookup runs on a closed environment. */
    private final ReentrantReadWriteLock closeLock = new ReentrantReadWriteLock();
    private boolean closed;
    private final Dbi<ByteBuffer> blocks;
    private final Dbi<ByteBuffer> meta;

    private Index(Path dir, Env<ByteBuffer> env) {
        this.dir = dir;
        this.env = env;
        this.blocks = env.openDbi("blocks", DbiFlags.MDB_CREATE);
        this.meta = env.openDbi("meta", DbiFlags.MDB_CREATE);
    }

    /**
     * Opens the index in {@code dir}, creating it (empty) when absent.
     *
     * @throws IOException when LMDB cannot open the directory
     */
    static Index open(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Env<ByteBuffer> env = Env.create().setMapSize(MAP_SIZE).setMaxDbs(2).setMaxReaders(512)
                    .open(dir.toFile(), EnvFlags.MDB_NOTLS);
            return new Index(dir, env);
        } catch (LmdbException e) {
            throw new IOException("cannot open the index in " + dir + ": " + e.getMessage()
                    + "; delete that directory to rebuild it from the arenas", e);
        }
    }

    /** The directory holding the LMDB files. */
    Path dir() {
        return dir;
    }

    /**
     * Returns where the clump of {@code key} lives, if the index holds it.
     *
     * @throws FormatException when the stored value is damaged
     */
    Optional<ClumpAddress> lookup(BlockKey key) throws IOException {
        ByteBuffer k = KEY_BUFFER.get().clear();
        key.encode(k);
        k.flip();
        closeLock.readLock().lock();
        try {
            if (closed) {
                throw new IOException("the index in " + dir + " is closed");
            }
            Txn<ByteBuffer> txn = idleLookupTxns.poll();
            if (txn == null) {
                txn = env.txnRead();
                lookupTxns.add(txn);
            } else {
                txn.renew();
            }
            try {
                ByteBuffer v = blocks.get(txn, k);
                return v == null ? Optional.empty() : Optional.of(ClumpAddress.decode(v));
            } finally {
                txn.reset();
                idleLookupTxns.add(txn);
            }
        } finally {
            closeLock.readLock().unlock();
        }
    }

    /**
     * Returns how far the index covers the arenas ({@link HighWaterMark#START} when empty).
     *
     * @throws FormatException when the stored mark is damaged
     */
    HighWaterMark highWater() throws FormatException {
        ByteBuffer k = direct(HIGH_WATER_KEY);
        try (Txn<ByteBuffer> txn = env.txnRead()) {
            ByteBuffer v = meta.get(txn, k);
            return v == null ? HighWaterMark.START : HighWaterMark.decode(v);
        }
    }

    /**
     * Returns the store's counts as last committed: {@link StoreCounts#ZERO} for an empty
     * index, empty for an index written before counting began (rebuilding it counts again).
     *
     * @throws FormatException when the stored counts are damaged
     */
    Optional<StoreCounts> counts() throws FormatException {
        try (Txn<ByteBuffer> txn = env.txnRead()) {
            ByteBuffer v = meta.get(txn, direct(COUNTS_KEY));
            if (v != null) {
                return Optional.of(StoreCounts.decode(v));
            }
        }
        return highWater().equals(HighWaterMark.START) ? Optional.of(StoreCounts.ZERO) : Optional.empty();
    }

    /**
     * Adds {@code entries} and sets the high-water mark to {@code mark} and the counts to
     * {@code counts} (left as they are when null) in one durable transaction.
     *
     * @throws IOException when LMDB refuses the transaction (its map full, a disk error)
     */
    void commit(Map<BlockKey, ClumpAddress> entries, HighWaterMark mark, StoreCounts counts) throws IOException {
        try {
            commitOrThrow(entries, mark, counts);
        } catch (LmdbException e) {
            throw new IOException("cannot update the index in " + dir + ": " + e.getMessage()
                    + "; the arenas hold the blocks, so fix the cause and reopen the store", e);
        }
    }

    private void commitOrThrow(Map<BlockKey, ClumpAddress> entries, HighWaterMark mark, StoreCounts counts) {
        ByteBuffer k = ByteBuffer.allocateDirect(BlockKey.SIZE);
        ByteBuffer v = ByteBuffer.allocateDirect(ClumpAddress.SIZE);
        // In key order, LMDB's inserts walk its B-tree's leaves in order instead of at random.
        List<SortRow> sorted = new ArrayList<>(entries.size());
        for (Map.Entry<BlockKey, ClumpAddress> e : entries.entrySet()) {
            sorted.add(new SortRow(e.getKey().prefix(), e.getKey(), e.getValue()));
        }
        sorted.sort(null);
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
            for (SortRow row : sorted) {
                k.clear();
                row.key().encode(k);
                k.flip();
                v.clear();
                row.address().encode(v);
                v.flip();
                blocks.put(txn, k, v);
            }
            ByteBuffer m = ByteBuffer.allocateDirect(HighWaterMark.SIZE);
            mark.encode(m);
            m.flip();
            meta.put(txn, direct(HIGH_WATER_KEY), m);
            if (counts != null) {
                ByteBuffer c = ByteBuffer.allocateDirect(StoreCounts.SIZE);
                counts.encode(c);
                c.flip();
                meta.put(txn, direct(COUNTS_KEY), c);
            }
            txn.commit();
        }
    }

    /** An entry to insert, ordered by its key's first 8 bytes (cheap to compare), then the whole key. */
    private record SortRow(long prefix, BlockKey key, ClumpAddress address) implements Comparable<SortRow> {
        @Override
        public int compareTo(SortRow o) {
            int c = Long.compareUnsigned(prefix, o.prefix);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    /** Removes every entry and the high-water mark, durably. */
    void clear() {
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
            blocks.drop(txn);
            meta.drop(txn);
            txn.commit();
        }
    }

    /** Receives the index's entries one by one. */
    interface EntryVisitor {
        void visit(BlockKey key, ClumpAddress address) throws IOException;
    }

    /**
     * Calls {@code visitor} with every entry, in key order, from one read view.
     *
     * @throws IOException when an entry is damaged or the visitor throws
     */
    void forEach(EntryVisitor visitor) throws IOException {
        try (Txn<ByteBuffer> txn = env.txnRead(); CursorIterable<ByteBuffer> it = blocks.iterate(txn)) {
            for (CursorIterable.KeyVal<ByteBuffer> kv : it) {
                visitor.visit(BlockKey.decode(kv.key()), ClumpAddress.decode(kv.val()));
            }
        }
    }

    /** The number of blocks indexed. */
    long size() {
        try (Txn<ByteBuffer> txn = env.txnRead()) {
            return blocks.stat(txn).entries;
        }
    }

    @Override
    public void close() {
        closeLock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                for (Txn<ByteBuffer> txn : lookupTxns) {
                    txn.close();
                }
                env.close();
            }
        } finally {
            closeLock.writeLock().unlock();
        }
    }

    private static ByteBuffer direct(byte[] bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes.length);
        b.put(bytes).flip();
        return b;
    }
}

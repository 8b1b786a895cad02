package org.ventifs.cache;

import java.nio.ByteBuffer;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.lmdbjava.Txn;

/**
 * The open group of operations (docs/cache-format.md, "Durability"): one LMDB write
 * transaction that successive operations join, each as a nested transaction of its own, so
 * that one failing changes nothing while the others stand. The group is committed as one
 * transaction, data pages flushed before the meta page ({@code MDB_NOMETASYNC}), when it is
 * {@link #due} or when someone needs its effects on disk or in a read-only view. So a power
 * loss leaves the last or the one before last committed group, never a torn environment.
 *
 * <p>LMDB's writer mutex belongs to the thread that began the write transaction, so the group
 * is begun and committed on one thread of its own, while operations run their nested
 * transactions on the callers' threads. Not thread-safe otherwise: the cache's write lock
 * guards every call except {@link #generation()}; the committing thread takes no lock.
 */
final class GroupCommit implements AutoCloseable {
    /** The oldest a group may get before it is committed. */
    static final long MAX_AGE_NANOS = 100_000_000L;
    /** The most bytes of pages one group may change (its dirty pages live in memory until the commit). */
    static final long MAX_BYTES = 16L << 20;

    private final CacheEnvironment db;
    private final ExecutorService committer;
    private Txn<ByteBuffer> open;
    private long openedAt;
    private long pages;
    /** Even while no group is open, odd while one is. */
    private volatile long generation;

    GroupCommit(CacheEnvironment db, String name) {
        this.db = db;
        this.committer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cache-commit " + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Counts groups opened and committed: a reader that sees it even knows every finished operation is committed. */
    long generation() {
        return generation;
    }

    /** The open group's transaction, for reads that must see its operations; null when none is open. */
    Txn<ByteBuffer> openOrNull() {
        return open;
    }

    /** Starts an operation's nested transaction inside the open group, opening a group when none is. */
    Txn<ByteBuffer> beginOperation() {
        if (open == null) {
            generation++;
            open = onCommitter(db.env::txnWrite);
            openedAt = System.nanoTime();
        }
        return db.env.txn(open);
    }

    /** Records that an operation that may have written {@code pageCount} new pages joined the group. */
    void joined(long pageCount) {
        pages += pageCount;
    }

    /** Pages the open group may have added since the last commit (an upper estimate for the reserve check). */
    long pendingPages() {
        return pages;
    }

    /**
     * Whether the open group is old or large enough to be committed now; when the cache is
     * nearly full, every operation is its own group, so that the pages each frees are reused.
     */
    boolean due() {
        return open != null && (pages * db.pageSize >= MAX_BYTES || System.nanoTime() - openedAt >= MAX_AGE_NANOS
                || db.nearlyFull(pendingPages()));
    }

    /**
     * Commits the open group, if any: its data pages are on disk before its meta page is
     * written. When the commit fails the group's operations are lost; the environment stays as
     * of the last commit.
     */
    void commit() {
        if (open == null) {
            return;
        }
        Txn<ByteBuffer> txn = open;
        open = null;
        pages = 0;
        try {
            onCommitter(() -> {
                try {
                    txn.commit();
                } finally {
                    txn.close();
                }
                db.noteCommit();
                return null;
            });
        } finally {
            generation++;
        }
    }

    /** Stops the committing thread; commit first, or the open group is lost with the environment. */
    @Override
    public void close() {
        committer.shutdown();
        try {
            committer.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code step} on the committing thread and returns its result, rethrowing what it
     * threw. Waits through interrupts: a group begun or committed without its caller knowing
     * would hold LMDB's writer mutex for ever or lose track of the group.
     */
    private <T> T onCommitter(Callable<T> step) {
        Future<T> result = committer.submit(step);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

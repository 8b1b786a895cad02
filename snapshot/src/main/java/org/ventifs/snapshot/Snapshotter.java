package org.ventifs.snapshot;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ventifs.cache.Cache;
import org.ventifs.cache.FrozenTree;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.Score;

/**
 * Takes snapshots of one file system: freezes the cache's active tree, archives the
 * frozen epoch to Venti, syncs the store, lists the dump in the catalog durably and
 * retires the epoch in the cache, in that order (docs/archive-format.md), so that a crash
 * at any moment leaves either no trace of the snapshot or a complete, listed one. Waiters
 * hear of the dump once it is listed; the retirement follows.
 * Snapshots run one at a time on one archiver thread: a request made while an archive
 * runs waits for it, then takes the next snapshot. Thread-safe.
 */
public final class Snapshotter implements AutoCloseable {
    private final Cache cache;
    private final PendingWrites pending;
    private final BlockStore store;
    private final Catalog catalog;
    private final Clock clock;
    private final ProgressCounter progress;
    private final AtomicInteger queued = new AtomicInteger();
    private final ThreadPoolExecutor archiver;
    private final List<CompletableFuture<FreezeTicket>> waiting = new ArrayList<>();

    /** A snapshotter of {@code cache} into {@code store}, listing dumps in {@code catalog}, naming them by {@code clock}'s zone. */
    public Snapshotter(Cache cache, BlockStore store, Catalog catalog, Clock clock) {
        this(cache, store, catalog, clock, PendingWrites.NONE);
    }

    /**
     * As {@link #Snapshotter(Cache, BlockStore, Catalog, Clock)} for a mounted file system whose
     * writes may wait in the kernel: {@code pending} hands them over before every freeze.
     */
    public Snapshotter(Cache cache, BlockStore store, Catalog catalog, Clock clock, PendingWrites pending) {
        this.pending = pending;
        this.cache = cache;
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
        this.progress = new ProgressCounter(clock::millis);
        this.archiver = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "ventifs archiver");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Takes a snapshot and returns it once it is durable and listed. The cache retires the
     * snapshot's epoch right after, on the archiver thread, before the next snapshot starts.
     *
     * @throws IOException when the freeze or the archive fails (nothing is listed then)
     */
    public DumpRecord snapshot() throws IOException {
        return freezeNow().await();
    }

    /**
     * Freezes the tree (after any archive already running) and returns at once; the archive
     * continues in the background.
     *
     * @throws IOException when the freeze fails
     * @throws IllegalStateException after {@link #close()}
     */
    public FreezeTicket freezeNow() throws IOException {
        CompletableFuture<FreezeTicket> frozen = new CompletableFuture<>();
        synchronized (waiting) {
            if (archiver.isShutdown()) {
                throw new IllegalStateException("the snapshotter is closed");
            }
            waiting.add(frozen);
            queued.incrementAndGet();
            archiver.execute(() -> take(frozen));
        }
        return FreezeTicket.Futures.get(frozen, "the freeze");
    }

    /**
     * Waits until the archiver has finished every snapshot requested so far, retirements
     * included: the cache holds no frozen view of this snapshotter's afterwards, unless a
     * request comes in meanwhile.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public void awaitIdle() throws IOException {
        try {
            archiver.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the archiver");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException("the snapshotter is closed", e);
        }
    }

    /**
     * Takes again, in the background, a snapshot whose archive a crash interrupted before
     * it was listed (the catalog's marker says so); empty when there was none.
     */
    public Optional<FreezeTicket> retakeInterrupted() throws IOException {
        if (catalog.interruptedArchive().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(freezeNow());
    }

    /** What the archiver is doing (or last did). */
    public ArchiveProgress progress() {
        return progress.snapshot(queued.get());
    }

    /** The cache this snapshotter freezes. */
    public Cache cache() {
        return cache;
    }

    /** The store this snapshotter archives into. */
    public BlockStore store() {
        return store;
    }

    /** The catalog this snapshotter lists dumps in. */
    public Catalog catalog() {
        return catalog;
    }

    /**
     * Refuses new requests, abandons queued ones (they fail with an IOException) and waits
     * for the archive that is running to finish.
     */
    @Override
    public void close() {
        List<CompletableFuture<FreezeTicket>> abandoned;
        synchronized (waiting) {
            archiver.getQueue().clear();
            abandoned = new ArrayList<>(waiting);
            archiver.shutdown();
        }
        for (CompletableFuture<FreezeTicket> f : abandoned) {
            f.completeExceptionally(new IOException("the file system is shutting down; no snapshot was taken"));
        }
        try {
            archiver.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void take(CompletableFuture<FreezeTicket> frozen) {
        synchronized (waiting) {
            waiting.remove(frozen);
            queued.decrementAndGet();
        }
        FrozenTree view;
        String name;
        Instant at;
        try {
            pending.handOver();
        } catch (IOException | RuntimeException e) {
            System.err.println("ventifs: the snapshot may miss writes still cached by the kernel: " + e.getMessage());
        }
        try {
            view = cache.freeze();
        } catch (Throwable e) {
            System.err.println("ventifs: a snapshot failed at the freeze; nothing was archived: " + e);
            frozen.completeExceptionally(e);
            rethrowIfError(e);
            return;
        }
        at = clock.instant();
        name = DumpName.next(at.atZone(clock.getZone()), catalog.names());
        CompletableFuture<DumpRecord> archived = new CompletableFuture<>();
        frozen.complete(new FreezeTicket(name, at, archived));
        try {
            // After the freeze returns: a crash before the marker loses nothing (the changes stay
            // in the cache for the next snapshot); it only skips the start-up retake.
            catalog.markArchiving(name);
        } catch (Throwable e) {
            view.close();
            archived.completeExceptionally(e);
            rethrowIfError(e);
            return;
        }
        progress.begin(name);
        System.err.println("ventifs: snapshot " + name + " frozen; archiving the changes of epoch " + view.epoch());
        Listed listed;
        try {
            listed = archiveAndList(view, name, at);
        } catch (Throwable e) {
            progress.end();
            view.close();
            System.err.println("ventifs: the archive of dump " + name + " failed; its changes go into the next snapshot: "
                    + e);
            archived.completeExceptionally(e);
            rethrowIfError(e);
            return;
        }
        DumpRecord record = listed.record();
        ArchiveProgress durable = progress.snapshot(0);
        System.err.println("ventifs: snapshot " + name + " is durable as vac:" + record.root() + ": "
                + durable.filesDone() + " files and directories, " + durable.bytesDone() + " bytes of changed content, "
                + record.bytesAdded() + " bytes added to the store, in " + durable.elapsedMillis() + " ms");
        // The dump is safe now: whoever waits for it may go on while the cache retires the epoch.
        archived.complete(record);
        try {
            retire(view, listed.newBases());
        } catch (Throwable e) {
            view.close();
            System.err.println("ventifs: dump " + name + " is listed, but retiring its epoch in the cache failed; "
                    + "its changes stay dirty and go into the next snapshot as well: " + e);
            rethrowIfError(e);
        } finally {
            progress.end();
        }
    }

    /** Waiters are told first; then an Error (out of memory, a broken class path) still ends the thread. */
    private static void rethrowIfError(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
    }

    /** What an archive listed: its record, and the bases to install when the epoch retires. */
    private record Listed(DumpRecord record, Map<Long, byte[]> newBases) {
    }

    /**
     * Archive, sync, list (then {@link #retire}): the write order that makes a crash harmless.
     * A crash after the listing leaves the epoch unretired: its changes go into the next
     * snapshot again, which stores nothing new for them.
     */
    private Listed archiveAndList(FrozenTree view, String name, Instant at) throws IOException {
        DumpRecord previous = catalog.newest();
        Score prev = previous == null ? Score.ZERO : previous.root();
        CountingStore counting = new CountingStore(store);
        Archiver.Result result = new Archiver(view, counting, progress).archive(name, prev);
        progress.phaseDone("directories");
        store.sync();
        progress.phaseDone("sync");
        DumpRecord record = new DumpRecord(name, result.root(), at.getEpochSecond(), counting.written());
        catalog.append(record);
        progress.phaseDone("list");
        return new Listed(record, result.newBases());
    }

    /** Installs the archived versions as the cache's bases and drops the epoch's dirty blocks. */
    private void retire(FrozenTree view, Map<Long, byte[]> newBases) throws IOException {
        cache.retire(view.epoch(), newBases);
        catalog.clearArchiving();
        progress.phaseDone("retire");
    }
}

package org.ventifs.snapshot;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A snapshot that is frozen and whose archive runs (or ran) in the background:
 * {@link #await()} waits until it is durable in Venti and listed in the catalog.
 */
public final class FreezeTicket {
    private final String dumpName;
    private final Instant frozenAt;
    private final CompletableFuture<DumpRecord> archived;

    FreezeTicket(String dumpName, Instant frozenAt, CompletableFuture<DumpRecord> archived) {
        this.dumpName = dumpName;
        this.frozenAt = frozenAt;
        this.archived = archived;
    }

    /** The name the dump will have ({@code yyyy/mmdd[.N]}). */
    public String dumpName() {
        return dumpName;
    }

    /** When the tree was frozen. */
    public Instant frozenAt() {
        return frozenAt;
    }

    /** Whether the archive has finished, well or not. */
    public boolean isDone() {
        return archived.isDone();
    }

    /**
     * Waits for the archive and returns the dump as listed in the catalog.
     *
     * @throws IOException when the archive failed (the dump is then not listed, and its
     *                     changes go into the next snapshot) or the wait was interrupted
     */
    public DumpRecord await() throws IOException {
        return Futures.get(archived, "the archive of " + dumpName);
    }

    /** Unwrapping of a future's failure into the IOException the caller can act on. */
    static final class Futures {
        private Futures() {
        }

        static <T> T get(CompletableFuture<T> future, String what) throws IOException {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + what);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException(what + " failed: " + cause, cause);
            }
        }
    }
}

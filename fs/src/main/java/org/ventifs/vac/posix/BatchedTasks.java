package org.ventifs.vac.posix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Hands small tasks to a pool in batches, so that thousands of small files cost a
 * few hundred thread hand-offs rather than one each. A batch goes to the pool when
 * its weight (bytes) or its count reaches a bound, or on {@link #flush}. Used by one
 * submitting thread.
 */
final class BatchedTasks {
    /** A task that may fail with an IOException. */
    interface IoTask<T> {
        T run() throws IOException;
    }

    private final Executor pool;
    private final long maxWeight;
    private final int maxCount;
    private List<Runnable> pending = new ArrayList<>();
    private long pendingWeight;

    BatchedTasks(Executor pool, long maxWeight, int maxCount) {
        this.pool = pool;
        this.maxWeight = maxWeight;
        this.maxCount = maxCount;
    }

    /** Queues {@code task} of {@code weight} bytes; its future fails with an UncheckedIOException on error. */
    <T> CompletableFuture<T> submit(long weight, IoTask<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        pending.add(() -> {
            try {
                future.complete(task.run());
            } catch (IOException e) {
                future.completeExceptionally(new UncheckedIOException(e));
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        });
        pendingWeight += weight;
        if (pendingWeight >= maxWeight || pending.size() >= maxCount) {
            flush();
        }
        return future;
    }

    /** Waits for {@code future}, rethrowing the IOException a task failed with. */
    static <T> T join(CompletableFuture<T> future) throws IOException {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    /** Sends the queued tasks to the pool as one batch. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Runnable> batch = pending;
        pending = new ArrayList<>();
        pendingWeight = 0;
        pool.execute(() -> batch.forEach(Runnable::run));
    }
}

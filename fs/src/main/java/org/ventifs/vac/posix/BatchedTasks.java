package org.ventifs.vac.posix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands small tasks to a pool in batches, so that thousands of small files cost a
 * few hundred thread hand-offs rather than one each. A batch goes to the pool when
 * its weight (bytes) or its count reaches a bound, or on {@link #flush}. Used by one
 * submitting thread. Tasks whose results nobody needs go in with {@link #execute}, and
 * {@link #awaitAll} waits for them a batch at a time rather than waking once per task.
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
    private final List<CompletableFuture<Void>> sent = new ArrayList<>();
    /** The first failure of a task given to {@link #execute}. */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    BatchedTasks(Executor pool, long maxWeight, int maxCount) {
        this.pool = pool;
        this.maxWeight = maxWeight;
        this.maxCount = maxCount;
    }

    /** Queues {@code task} of {@code weight} bytes; its future fails with an UncheckedIOException on error. */
    <T> CompletableFuture<T> submit(long weight, IoTask<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        queue(weight, () -> {
            try {
                future.complete(task.run());
            } catch (IOException e) {
                future.completeExceptionally(new UncheckedIOException(e));
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    private void queue(long weight, Runnable task) {
        pending.add(task);
        pendingWeight += weight;
        if (pendingWeight >= maxWeight || pending.size() >= maxCount) {
            flush();
        }
    }

    /** Queues {@code task} of {@code weight} bytes; {@link #awaitAll} reports the first task that failed. */
    void execute(long weight, IoTask<?> task) {
        queue(weight, () -> {
            try {
                task.run();
            } catch (IOException | RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /**
     * Sends what is queued and waits for every batch sent.
     *
     * @throws IOException the first IOException a task given to {@link #execute} failed with
     */
    void awaitAll() throws IOException {
        flush();
        for (CompletableFuture<Void> batch : sent) {
            batch.join();
        }
        sent.clear();
        Throwable first = failure.getAndSet(null);
        if (first instanceof IOException io) {
            throw io;
        } else if (first instanceof RuntimeException e) {
            throw e;
        } else if (first instanceof Error e) {
            throw e;
        }
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
        sent.add(CompletableFuture.runAsync(() -> batch.forEach(Runnable::run), pool));
    }
}

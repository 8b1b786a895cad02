package org.ventifs.snapshot;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** The archiver's running counts, updated by the archive and read by status requests. Thread-safe. */
final class ProgressCounter {
    private final LongSupplier millis;
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile String dumpName = "";
    private volatile boolean running;
    private volatile long startedAt;
    private volatile long finishedAt;
    private volatile long phaseStart;
    private volatile String phases = "";

    ProgressCounter(LongSupplier millis) {
        this.millis = millis;
    }

    /** Starts counting the archive of {@code name} from zero. */
    void begin(String name) {
        files.set(0);
        bytes.set(0);
        dumpName = name;
        startedAt = millis.getAsLong();
        phaseStart = startedAt;
        phases = "";
        running = true;
    }

    /** Records that step {@code name} of the archive just finished. */
    void phaseDone(String name) {
        long now = millis.getAsLong();
        phases = (phases.isEmpty() ? "" : phases + " ") + name + "=" + (now - phaseStart);
        phaseStart = now;
    }

    /** Counts one file or directory written, with {@code contentBytes} of its content. */
    void file(long contentBytes) {
        files.incrementAndGet();
        bytes.addAndGet(contentBytes);
    }

    /** Marks the archive finished (or abandoned). */
    void end() {
        finishedAt = millis.getAsLong();
        running = false;
    }

    /** The counts now, with {@code queued} requests waiting. */
    ArchiveProgress snapshot(int queued) {
        boolean now = running;
        long elapsed = (now ? millis.getAsLong() : finishedAt) - startedAt;
        return new ArchiveProgress(now, dumpName, files.get(), bytes.get(), Math.max(0, elapsed), queued, phases);
    }
}

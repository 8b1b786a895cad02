package org.ventifs.vac.posix;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts files (or other items: blocks) and bytes of a long run and, when given a stream,
 * prints a line there every few seconds (nothing for runs shorter than that). Thread-safe.
 */
public final class Progress implements AutoCloseable {
    private static final long PERIOD_SECONDS = 5;

    private final String verb;
    private final String noun;
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong reused = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;
    private final PrintWriter out;

    /** Starts counting files; prints to {@code out} every 5 s unless it is null. */
    public Progress(String verb, PrintWriter out) {
        this(verb, "files", out);
    }

    /** Starts counting items called {@code noun} (plural); prints to {@code out} every 5 s unless it is null. */
    public Progress(String verb, String noun, PrintWriter out) {
        this.verb = verb;
        this.noun = noun;
        this.out = out;
        if (out == null) {
            timer = null;
        } else {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vac-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(() -> {
                out.println(line());
                out.flush();
            }, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * A run that shows its progress on {@code err} only when the process's stderr is a
     * terminal, so that scripts and logs stay quiet.
     */
    public static Progress onTerminal(String verb, String noun, PrintWriter err) {
        return new Progress(verb, noun, Posix.isTerminal(Posix.STDERR) ? err : null);
    }

    /** Counts one item of {@code size} bytes. */
    public void file(long size) {
        files.incrementAndGet();
        bytes.addAndGet(size);
    }

    void reusedFile(long size) {
        reused.incrementAndGet();
        file(size);
    }

    /** Files counted so far. */
    public long files() {
        return files.get();
    }

    /** Bytes counted so far. */
    public long bytes() {
        return bytes.get();
    }

    /** Files taken unchanged from a previous archive. */
    public long reused() {
        return reused.get();
    }

    /** Seconds since the start. */
    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** One line: files, MiB and MiB/s so far. */
    public String line() {
        double mib = bytes.get() / 1048576.0;
        double secs = Math.max(seconds(), 1e-3);
        return String.format("%s: %d %s, %.1f MiB in %.1f s (%.1f MiB/s)%s", verb, files.get(), noun, mib, secs,
                mib / secs, reused.get() > 0 ? ", " + reused.get() + " unchanged" : "");
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}

package org.ventifs.snapshot;

/**
 * What the archiver has done, as {@code ventifs status} shows it: the archive running now
 * (or the last one, when none runs).
 *
 * @param running       whether an archive is running
 * @param dumpName      the dump being (or last) archived; empty when there was none yet
 * @param filesDone     files and directories written so far
 * @param bytesDone     bytes of file content archived so far (changed leaves only)
 * @param elapsedMillis time since the archive began (its whole duration once finished)
 * @param queued        snapshot requests waiting for the running one
 * @param phases        the milliseconds each finished step of the archive took, such as
 *                      {@code changes=20 content=700 directories=92 sync=40 list=3 retire=95} (empty before the first step)
 */
public record ArchiveProgress(boolean running, String dumpName, long filesDone, long bytesDone,
                              long elapsedMillis, int queued, String phases) {
    /** Bytes per second over the elapsed time (0 before any time passed). */
    public double bytesPerSecond() {
        return elapsedMillis <= 0 ? 0 : bytesDone * 1000.0 / elapsedMillis;
    }

    /** One line for {@code ventifs status}: state, dump, files, bytes and rate. */
    public String describe() {
        if (dumpName.isEmpty()) {
            return "archiver: idle, no archive yet";
        }
        return String.format("archiver: %s %s, %d files, %d bytes, %.1f MB/s%s",
                running ? "archiving" : "last archived", dumpName, filesDone, bytesDone,
                bytesPerSecond() / 1e6, queued > 0 ? ", " + queued + " queued" : "");
    }
}

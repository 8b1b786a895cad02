package org.ventifs.fs;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inodes open for writing, counted by handle. A handle is the inode number shifted
 * left once, its lowest bit set when the open allows writing, so that release knows
 * which kind of open it ends. With the kernel's writeback cache these are the files
 * whose writes may still wait in the kernel.
 */
final class OpenWriters {
    private final ConcurrentHashMap<Long, Integer> counts = new ConcurrentHashMap<>();

    /** Counts an open of {@code ino} and returns its handle. */
    long opened(long ino, boolean writable) {
        if (writable) {
            counts.merge(ino, 1, Integer::sum);
        }
        return ino << 1 | (writable ? 1 : 0);
    }

    /** Ends the open whose handle is {@code fh}. */
    void released(long ino, long fh) {
        if ((fh & 1) != 0) {
            counts.computeIfPresent(ino, (k, n) -> n > 1 ? n - 1 : null);
        }
    }

    /** The inodes open for writing now. */
    Set<Long> inodes() {
        return Set.copyOf(counts.keySet());
    }
}

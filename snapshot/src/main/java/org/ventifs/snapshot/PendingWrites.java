package org.ventifs.snapshot;

import java.io.IOException;

/**
 * Writes accepted by the file system that have not reached the cache yet: with the kernel's
 * writeback cache, data written to a file that is still open stays in the kernel until it is
 * written back. A snapshot hands them over first, so that it holds everything written before
 * it was asked for.
 */
@FunctionalInterface
public interface PendingWrites {
    /** None: every write goes straight to the cache (the Java API, tests). */
    PendingWrites NONE = () -> { };

    /** Returns once every write accepted before the call is in the cache. */
    void handOver() throws IOException;
}

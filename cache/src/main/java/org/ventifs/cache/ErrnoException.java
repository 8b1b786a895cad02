package org.ventifs.cache;

import java.io.IOException;

/** A file system operation failed in the way POSIX names by {@link #errno()}; nothing was changed. */
public final class ErrnoException extends IOException {
    private final Errno errno;

    /** An error {@code errno} with a message naming what failed. */
    public ErrnoException(Errno errno, String message) {
        super(errno + ": " + message);
        this.errno = errno;
    }

    /** The error number for the caller (FUSE returns its negation). */
    public Errno errno() {
        return errno;
    }
}

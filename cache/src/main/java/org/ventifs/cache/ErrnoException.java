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

    /**
     * Records no stack trace: an errno is an expected answer (ENOENT, ENODATA for the
     * security.capability the kernel asks about before every write), the message names
     * what failed, and building a trace costs more than the operation.
     */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** The error number for the caller (FUSE returns its negation). */
    public Errno errno() {
        return errno;
    }
}

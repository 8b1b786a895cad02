package org.ventifs.fs.fuse;

/** A file-system operation failed with an errno, which goes back to the kernel. */
public final class FuseException extends Exception {
    private final int errno;

    public FuseException(int errno) {
        super(null, null, false, false);
        this.errno = errno;
    }

    public FuseException(int errno, String message) {
        super(message, null, false, false);
        this.errno = errno;
    }

    /** The positive errno value. */
    public int errno() {
        return errno;
    }
}

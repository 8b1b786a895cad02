package org.ventifs.fs.fuse;

/** The answer to open or opendir: a handle of the file system's choosing, and FOPEN_* flags. */
public record Opened(long fh, int flags) {
    /** Bypass the page cache for this open file. */
    public static final int DIRECT_IO = 1;
    /** Keep cached pages from earlier opens (the data did not change behind the kernel's back). */
    public static final int KEEP_CACHE = 1 << 1;
    /** Cache the directory's listing. */
    public static final int CACHE_DIR = 1 << 3;
}

package org.ventifs.vac.posix;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The C library's calls that jnr-posix lacks or binds at a cost, bound by jnr-ffi:
 * extended attributes on a path itself (links not followed), and nanosecond times.
 * jnr-posix's futimens and utimensat build their timespec array through reflection
 * that throws twice a call; here the two timespecs are four longs
 * ({@code {atime_s, atime_ns, mtime_s, mtime_ns}}, x86-64 and arm64 layout), only passed in.
 * Public only because jnr-ffi implements it at run time.
 */
public interface LibcCalls {
    /** The loaded C library. */
    LibcCalls LIBC = LibraryLoader.create(LibcCalls.class).load("c");

    /** llistxattr(2): the NUL-separated names, or -1 with errno. */
    @ssize_t long llistxattr(String path, @Out byte[] list, @size_t long size);

    /** lgetxattr(2): the value's length, or -1 with errno. */
    @ssize_t long lgetxattr(String path, String name, @Out byte[] value, @size_t long size);

    /** lsetxattr(2): 0, or -1 with errno. */
    int lsetxattr(String path, String name, @In byte[] value, @size_t long size, int flags);

    /** futimens(3): 0, or -1 with errno. */
    int futimens(int fd, @In long[] times);

    /** utimensat(2): 0, or -1 with errno. */
    int utimensat(int dirfd, String path, @In long[] times, int flags);
}

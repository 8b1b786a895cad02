package org.ventifs.vac.posix;

import java.nio.ByteBuffer;
import java.util.Objects;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The C library calls of vac and unvac, bound by jnr-ffi: only these, so binding
 * them costs a few milliseconds at start-up (a binding of the whole C library costs
 * tens, and its code generator keeps the JIT busy). Structures are passed as byte
 * arrays in the kernel's fixed layouts (statx, two timespecs as four longs), only in
 * or only out, so no call builds an object. Paths are C strings of the path's text.
 * Public only because jnr-ffi implements it at run time.
 */
public interface LibcCalls {
    /** The loaded C library. */
    LibcCalls LIBC = LibraryLoader.create(LibcCalls.class).load("c");

    /** Binds the library now rather than at the first call. */
    static void load() {
        Objects.requireNonNull(LIBC);
    }

    /** statx(2) into {@code buf} (256 bytes); 0, or -1 with errno. */
    int statx(int dirfd, String path, int flags, int mask, @Out byte[] buf);

    /** readlink(2): the target's length (not NUL-terminated), or -1 with errno. */
    @ssize_t long readlink(String path, @Out byte[] buf, @size_t long size);

    /** symlink(2) with a NUL-terminated target of any bytes: 0, or -1 with errno. */
    int symlink(@In byte[] target, String path);

    /** mkfifo(3): 0, or -1 with errno. */
    int mkfifo(String path, int mode);

    /** open(2): the descriptor, or -1 with errno. */
    int open(String path, int flags, int mode);

    /** read(2) into a direct buffer from its position: the count read, 0 at the end, or -1 with errno. */
    @ssize_t long read(int fd, @Out ByteBuffer buf, @size_t long count);

    /** pwrite(2) of the buffer's remaining bytes: the count written, or -1 with errno. */
    @ssize_t long pwrite(int fd, @In ByteBuffer buf, @size_t long count, long offset);

    /** ftruncate(2): 0, or -1 with errno. */
    int ftruncate(int fd, long length);

    /** close(2): 0, or -1 with errno. */
    int close(int fd);

    /** lchown(2): 0, or -1 with errno. */
    int lchown(String path, int uid, int gid);

    /** fchown(2): 0, or -1 with errno. */
    int fchown(int fd, int uid, int gid);

    /** chmod(2): 0, or -1 with errno. */
    int chmod(String path, int mode);

    /** fchmod(2): 0, or -1 with errno. */
    int fchmod(int fd, int mode);

    /** futimens(3) with {@code {atime_s, atime_ns, mtime_s, mtime_ns}}: 0, or -1 with errno. */
    int futimens(int fd, @In long[] times);

    /** utimensat(2) with {@code {atime_s, atime_ns, mtime_s, mtime_ns}}: 0, or -1 with errno. */
    int utimensat(int dirfd, String path, @In long[] times, int flags);

    /** isatty(3): 1 for a terminal. */
    int isatty(int fd);

    /** strerror(3): the system's text for an errno value. */
    String strerror(int errno);

    /** llistxattr(2): the NUL-separated names, or -1 with errno. */
    @ssize_t long llistxattr(String path, @Out byte[] list, @size_t long size);

    /** lgetxattr(2): the value's length, or -1 with errno. */
    @ssize_t long lgetxattr(String path, String name, @Out byte[] value, @size_t long size);

    /** lsetxattr(2): 0, or -1 with errno. */
    int lsetxattr(String path, String name, @In byte[] value, @size_t long size, int flags);
}

package org.ventifs.fs.fuse;

import java.io.IOException;
import java.nio.file.Path;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * The few native calls the FUSE engine needs: read and write on the /dev/fuse
 * descriptor (libc), and mounting and unmounting (libfuse3, which knows how to
 * mount as root and through fusermount3 otherwise). Everything else is Java.
 */
public final class Native {
    /** libc, bound lazily. */
    public interface LibC {
        long read(int fd, Pointer buf, long count);

        long write(int fd, Pointer buf, long count);

        int close(int fd);

        int open(String path, int flags);

        int syncfs(int fd);

        int umount2(String target, int flags);

        int getuid();
    }

    /** The session functions of libfuse3 used only to mount and unmount. */
    public interface LibFuse3 {
        Pointer fuse_session_new(Pointer args, Pointer ops, long opSize, Pointer userdata);

        int fuse_session_mount(Pointer session, String mountpoint);

        int fuse_session_fd(Pointer session);

        void fuse_session_unmount(Pointer session);

        void fuse_session_destroy(Pointer session);
    }

    private static volatile LibC libc;
    private static volatile LibFuse3 libfuse;

    private Native() {
    }

    static LibC libc() {
        LibC l = libc;
        if (l == null) {
            synchronized (Native.class) {
                if (libc == null) {
                    libc = LibraryLoader.create(LibC.class).load("c");
                }
                l = libc;
            }
        }
        return l;
    }

    static LibFuse3 libfuse() {
        LibFuse3 l = libfuse;
        if (l == null) {
            synchronized (Native.class) {
                if (libfuse == null) {
                    try {
                        libfuse = LibraryLoader.create(LibFuse3.class).failImmediately().load("libfuse3.so.3");
                    } catch (UnsatisfiedLinkError e) {
                        throw new IllegalStateException("libfuse3 is not installed; install it with "
                                + "'apt-get install fuse3' (mount-scripts/ensure-deps does)", e);
                    }
                }
                l = libfuse;
            }
        }
        return l;
    }

    static Runtime runtime() {
        return Runtime.getRuntime(libc());
    }

    private static final int O_RDONLY_CLOEXEC = 02000000;

    /**
     * Starts the writeback of every page the kernel still holds dirty for the file system
     * mounted at {@code mountpoint} (syncfs(2)). For FUSE it does not wait until the daemon has
     * received them: fsync a file for that. Must not be called from a thread that serves that
     * file system's requests.
     *
     * @throws IOException naming the mount point and the system's reason
     */
    public static void syncFileSystem(Path mountpoint) throws IOException {
        LibC c = libc();
        int fd = c.open(mountpoint.toString(), O_RDONLY_CLOEXEC);
        if (fd < 0) {
            throw new IOException("cannot open " + mountpoint + " to write back its cached writes (errno " + errno() + ")");
        }
        try {
            if (c.syncfs(fd) < 0) {
                throw new IOException("cannot write back the cached writes of " + mountpoint + " (errno " + errno() + ")");
            }
        } finally {
            c.close(fd);
        }
    }

    /** The errno of the calling thread's last native call. */
    static int errno() {
        return runtime().getLastError();
    }
}

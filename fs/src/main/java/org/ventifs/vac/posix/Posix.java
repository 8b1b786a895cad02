package org.ventifs.vac.posix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import jnr.ffi.Runtime;
import org.ventifs.vac.PosixExtension.Timestamp;

/**
 * The POSIX calls that java.nio lacks, through {@link LibcCalls}: lstat with nanosecond
 * times (statx), lchown, utimensat on the link itself, readlink and symlink of any
 * bytes, mkfifo, and descriptor calls for restored files; mknod through the mknod
 * command. Each failure is an IOException naming the path and the system's reason.
 */
final class Posix {
    private static final LibcCalls LIBC = LibcCalls.LIBC;
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    /** open(2) flags; the same on every Linux architecture. */
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 01;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    private static final int O_CLOEXEC = 02000000;
    private static final ThreadLocal<byte[]> STATX = ThreadLocal.withInitial(() -> new byte[Statx.SIZE]);

    private Posix() {
    }

    /** The file descriptor of standard error. */
    static final int STDERR = 2;

    /** Whether file descriptor {@code fd} is a terminal (isatty(3)). */
    static boolean isTerminal(int fd) {
        return LIBC.isatty(fd) == 1;
    }

    /** Returns lstat(2) of {@code path}. */
    static FileFacts lstat(Path path) throws IOException {
        byte[] statx = STATX.get();
        check(LIBC.statx(AT_FDCWD, path.toString(), AT_SYMLINK_NOFOLLOW, Statx.BASIC_STATS, statx),
                "read the attributes of", path);
        return Statx.decode(statx);
    }

    /** Sets the owner and group of {@code path} itself (a link is not followed). */
    static void lchown(Path path, int uid, int gid) throws IOException {
        check(LIBC.lchown(path.toString(), uid, gid), "set the owner of", path);
    }

    /** Sets the access and modification times of {@code path} itself, to the nanosecond. */
    static void setTimes(Path path, Timestamp atime, Timestamp mtime) throws IOException {
        check(LIBC.utimensat(AT_FDCWD, path.toString(), timespecs(atime, mtime), AT_SYMLINK_NOFOLLOW),
                "set the times of", path);
    }

    /** Sets the full mode (set-id and sticky bits included) of a file that is not a link. */
    static void chmod(Path path, int mode) throws IOException {
        check(LIBC.chmod(path.toString(), mode & 07777), "set the mode of", path);
    }

    /**
     * Creates {@code path} for writing with mode 0600; returns the descriptor. Fails when
     * anything is there already, a link included, which is then not followed.
     */
    static int createForWriting(Path path) throws IOException {
        int fd = LIBC.open(path.toString(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        check(fd, "create", path);
        return fd;
    }

    /** Opens {@code path} for reading; returns the descriptor. */
    static int openForReading(Path path) throws IOException {
        int fd = LIBC.open(path.toString(), O_RDONLY | O_CLOEXEC, 0);
        check(fd, "open", path);
        return fd;
    }

    /**
     * Reads from the open file {@code fd} into the direct buffer {@code into}, from its
     * position up to its limit, which it advances; returns the count, 0 at the end.
     */
    static int read(int fd, ByteBuffer into, Path path) throws IOException {
        long n = LIBC.read(fd, into, into.remaining());
        check(n, "read", path);
        into.position(into.position() + (int) n);
        return (int) n;
    }

    /** Writes the remaining bytes of {@code data} at {@code position} of the open file {@code fd}. */
    static void writeAt(int fd, ByteBuffer data, long position, Path path) throws IOException {
        for (long at = position; data.hasRemaining(); ) {
            long n = LIBC.pwrite(fd, data, data.remaining(), at);
            check(n, "write", path);
            data.position(data.position() + (int) n);
            at += n;
        }
    }

    /** Sets the length of the open file {@code fd}: extending it leaves a hole. */
    static void setLength(int fd, long length, Path path) throws IOException {
        check(LIBC.ftruncate(fd, length), "set the length of", path);
    }

    /** Sets the owner and group of the open file {@code fd}. */
    static void fchown(int fd, int uid, int gid, Path path) throws IOException {
        check(LIBC.fchown(fd, uid, gid), "set the owner of", path);
    }

    /** Sets the full mode (set-id and sticky bits included) of the open file {@code fd}. */
    static void fchmod(int fd, int mode, Path path) throws IOException {
        check(LIBC.fchmod(fd, mode & 07777), "set the mode of", path);
    }

    /** Sets the access and modification times of the open file {@code fd}, to the nanosecond. */
    static void setTimes(int fd, Timestamp atime, Timestamp mtime, Path path) throws IOException {
        check(LIBC.futimens(fd, timespecs(atime, mtime)), "set the times of", path);
    }

    /** The two timespecs of futimens and utimensat, as four longs. */
    private static long[] timespecs(Timestamp atime, Timestamp mtime) {
        return new long[] {atime.seconds(), atime.nanos(), mtime.seconds(), mtime.nanos()};
    }

    /** Closes the file descriptor {@code fd}. */
    static void close(int fd, Path path) throws IOException {
        check(LIBC.close(fd), "close", path);
    }

    /** Returns the target of the symbolic link {@code path}, byte for byte. */
    static byte[] readlink(Path path) throws IOException {
        for (byte[] buf = new byte[256]; ; buf = new byte[buf.length * 4]) {
            long n = LIBC.readlink(path.toString(), buf, buf.length);
            check(n, "read the link", path);
            if (n < buf.length) {
                return Arrays.copyOf(buf, (int) n);
            }
        }
    }

    /** Creates the symbolic link {@code path} to {@code target}, byte for byte. */
    static void symlink(byte[] target, Path path) throws IOException {
        for (byte b : target) {
            if (b == 0) {
                throw new IOException("cannot create the link " + path + ": its target holds a NUL byte");
            }
        }
        check(LIBC.symlink(Arrays.copyOf(target, target.length + 1), path.toString()), "create the link", path);
    }

    /** Creates a FIFO. */
    static void mkfifo(Path path, int mode) throws IOException {
        check(LIBC.mkfifo(path.toString(), mode & 0777), "create the FIFO", path);
    }

    /** Creates a block or character device with Linux device number {@code rdev}. */
    static void mknod(Path path, boolean block, long rdev) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("mknod", path.toString(), block ? "b" : "c",
                Long.toString(major(rdev)), Long.toString(minor(rdev)));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (p.waitFor() != 0) {
                throw new IOException("cannot create the device " + path + ": " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the device " + path, e);
        }
    }

    /** The major number of a Linux dev_t. */
    static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    }

    /** The minor number of a Linux dev_t. */
    static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    }

    /** The Linux dev_t of a major and minor number. */
    static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfff) << 8) | ((minor & 0xffffff00L) << 12) | (minor & 0xff);
    }

    /** The errno of this thread's last failed call through {@link LibcCalls}. */
    static int errno() {
        return Runtime.getRuntime(LIBC).getLastError();
    }

    /** The system's text for an errno value. */
    static String strerror(int errno) {
        return LIBC.strerror(errno);
    }

    /** Fails, naming {@code path} and the system's reason, when a call returned -1 (for every result type). */
    private static void check(long result, String what, Path path) throws IOException {
        if (result < 0) {
            throw new IOException("cannot " + what + " " + path + ": " + strerror(errno()));
        }
    }
}

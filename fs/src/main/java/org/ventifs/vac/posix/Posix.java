package org.ventifs.vac.posix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jnr.constants.platform.OpenFlags;
import jnr.posix.FileStat;
import jnr.posix.NanosecondFileStat;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import org.ventifs.vac.PosixExtension.Timestamp;

/**
 * The POSIX calls that java.nio lacks, through jnr-posix and {@link LibcCalls}: lstat with nanosecond
 * times, lchown, utimensat on the link itself, mkfifo; mknod through the mknod
 * command. Each failure is an IOException naming the path and the system's reason.
 */
final class Posix {
    private static final POSIX POSIX = POSIXFactory.getNativePOSIX();
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    private Posix() {
    }

    /** The file descriptor of standard error. */
    static final int STDERR = 2;

    /**
     * Whether file descriptor {@code fd} is a terminal (isatty(3)). By number: jnr-posix's
     * {@code isatty(FileDescriptor)} cannot read the number out of a FileDescriptor on Java 17
     * and always says no.
     */
    static boolean isTerminal(int fd) {
        return POSIX.isatty(fd) == 1;
    }

    /** Returns lstat(2) of {@code path}. */
    static FileFacts lstat(Path path) throws IOException {
        FileStat s = POSIX.allocateStat();
        check(POSIX.lstat(path.toString(), s), "read the attributes of", path);
        NanosecondFileStat ns = (NanosecondFileStat) s;
        return new FileFacts(s.mode(), s.uid(), s.gid(), s.rdev(), s.dev(), s.ino(), s.nlink(), s.st_size(),
                s.blocks(), new Timestamp(s.atime(), (int) ns.aTimeNanoSecs()),
                new Timestamp(s.mtime(), (int) ns.mTimeNanoSecs()), new Timestamp(s.ctime(), (int) ns.cTimeNanoSecs()));
    }

    /** Sets the owner and group of {@code path} itself (a link is not followed). */
    static void lchown(Path path, int uid, int gid) throws IOException {
        check(POSIX.lchown(path.toString(), uid, gid), "set the owner of", path);
    }

    /** Sets the access and modification times of {@code path} itself, to the nanosecond. */
    static void setTimes(Path path, Timestamp atime, Timestamp mtime) throws IOException {
        checkLibc(LibcCalls.LIBC.utimensat(AT_FDCWD, path.toString(), timespecs(atime, mtime), AT_SYMLINK_NOFOLLOW),
                "set the times of", path);
    }

    /** Sets the full mode (set-id and sticky bits included) of a file that is not a link. */
    static void chmod(Path path, int mode) throws IOException {
        check(POSIX.chmod(path.toString(), mode & 07777), "set the mode of", path);
    }

    /** Opens {@code path} for writing, created with mode 0600 when absent, a final link not followed; returns the descriptor. */
    static int openForWriting(Path path) throws IOException {
        int flags = OpenFlags.O_WRONLY.intValue() | OpenFlags.O_CREAT.intValue() | OpenFlags.O_NOFOLLOW.intValue()
                | OpenFlags.O_CLOEXEC.intValue();
        int fd = POSIX.open(path.toString(), flags, 0600);
        check(fd, "create", path);
        return fd;
    }

    /** Writes the remaining bytes of {@code data} at {@code position} of the open file {@code fd}. */
    static void writeAt(int fd, ByteBuffer data, long position, Path path) throws IOException {
        for (long at = position; data.hasRemaining(); ) {
            long n = POSIX.pwrite(fd, data, data.remaining(), at);
            check((int) Math.min(n, 0), "write", path);
            data.position(data.position() + (int) n);
            at += n;
        }
    }

    /** Sets the length of the open file {@code fd}: extending it leaves a hole. */
    static void setLength(int fd, long length, Path path) throws IOException {
        check(POSIX.ftruncate(fd, length), "set the length of", path);
    }

    /** Sets the owner and group of the open file {@code fd}. */
    static void fchown(int fd, int uid, int gid, Path path) throws IOException {
        check(POSIX.fchown(fd, uid, gid), "set the owner of", path);
    }

    /** Sets the full mode (set-id and sticky bits included) of the open file {@code fd}. */
    static void fchmod(int fd, int mode, Path path) throws IOException {
        check(POSIX.fchmod(fd, mode & 07777), "set the mode of", path);
    }

    /** Sets the access and modification times of the open file {@code fd}, to the nanosecond. */
    static void setTimes(int fd, Timestamp atime, Timestamp mtime, Path path) throws IOException {
        checkLibc(LibcCalls.LIBC.futimens(fd, timespecs(atime, mtime)), "set the times of", path);
    }

    /** The two timespecs of futimens and utimensat, as four longs. */
    private static long[] timespecs(Timestamp atime, Timestamp mtime) {
        return new long[] {atime.seconds(), atime.nanos(), mtime.seconds(), mtime.nanos()};
    }

    /** Closes the file descriptor {@code fd}. */
    static void close(int fd, Path path) throws IOException {
        check(POSIX.close(fd), "close", path);
    }

    /** Returns the target of the symbolic link {@code path}, byte for byte. */
    static byte[] readlink(Path path) throws IOException {
        String target = POSIX.readlink(path.toString());
        if (target == null) {
            throw new IOException("cannot read the link " + path + ": " + POSIX.strerror(POSIX.errno()));
        }
        return target.getBytes(StandardCharsets.UTF_8);
    }

    /** Creates the symbolic link {@code path} to {@code target}, exactly as given. */
    static void symlink(String target, Path path) throws IOException {
        check(POSIX.symlink(target, path.toString()), "create the link", path);
    }

    /** Creates a FIFO. */
    static void mkfifo(Path path, int mode) throws IOException {
        check(POSIX.mkfifo(path.toString(), mode & 0777), "create the FIFO", path);
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

    /** The system's text for an errno value. */
    static String strerror(int errno) {
        return POSIX.strerror(errno);
    }

    /** Like {@link #check}, for a call through {@link LibcCalls}, whose errno jnr-ffi keeps. */
    private static void checkLibc(int result, String what, Path path) throws IOException {
        if (result < 0) {
            int errno = jnr.ffi.Runtime.getRuntime(LibcCalls.LIBC).getLastError();
            throw new IOException("cannot " + what + " " + path + ": " + POSIX.strerror(errno));
        }
    }

    private static void check(int result, String what, Path path) throws IOException {
        if (result < 0) {
            int errno = POSIX.errno();
            throw new IOException("cannot " + what + " " + path + ": " + POSIX.strerror(errno));
        }
    }
}

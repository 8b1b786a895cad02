package org.ventifs.fs.fuse;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * A FUSE mount: the kernel connection (a /dev/fuse descriptor) for one mountpoint.
 * libfuse3 does the mounting (as root with mount(2), otherwise through fusermount3);
 * the protocol itself is spoken by {@link FuseSession}. Not thread-safe: one owner
 * mounts and unmounts.
 */
public final class FuseMount implements AutoCloseable {
    private static final int MNT_DETACH = 2;

    private final Path mountpoint;
    private final Pointer session;
    private final int fd;
    private boolean mounted;

    private FuseMount(Path mountpoint, Pointer session, int fd) {
        this.mountpoint = mountpoint;
        this.session = session;
        this.fd = fd;
        this.mounted = true;
    }

    /**
     * Mounts at {@code mountpoint} with the given mount options (fsname=, subtype=,
     * allow_other, default_permissions, ro, ...).
     *
     * @throws IOException with a one-line reason when the mount fails
     */
    public static FuseMount mount(Path mountpoint, List<String> options) throws IOException {
        Path abs = mountpoint.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new IOException("mountpoint " + abs + " is not a directory; create it with 'mkdir -p " + abs + "'");
        }
        List<String> argv = new ArrayList<>();
        argv.add("ventifs");
        if (!options.isEmpty()) {
            argv.add("-o");
            argv.add(String.join(",", options));
        }
        Runtime rt = Native.runtime();
        NativeArgs args = new NativeArgs(rt, argv);
        Native.LibFuse3 fuse = Native.libfuse();
        Pointer session = fuse.fuse_session_new(args.struct, null, 0, null);
        if (session == null) {
            throw new IOException("FUSE rejected the mount options " + String.join(",", options)
                    + " (libfuse printed why above)");
        }
        if (fuse.fuse_session_mount(session, abs.toString()) != 0) {
            fuse.fuse_session_destroy(session);
            throw new IOException("cannot mount at " + abs + " (libfuse printed why above); if a dead mount is "
                    + "still there, run 'fusermount3 -u " + abs + "' first");
        }
        int fd = fuse.fuse_session_fd(session);
        Reference.reachabilityFence(args);
        return new FuseMount(abs, session, fd);
    }

    /** The kernel connection's descriptor. */
    int fd() {
        return fd;
    }

    /** The absolute mountpoint. */
    public Path mountpoint() {
        return mountpoint;
    }

    /**
     * Asks the kernel to detach the mount (lazily, as libfuse does: open files keep
     * working until closed), without closing the connection, so that workers still
     * reading it see it end instead of a recycled descriptor. Returns false when the
     * mount was already gone.
     */
    public synchronized boolean unmount() throws IOException {
        if (!mounted) {
            return false;
        }
        Native.LibC libc = Native.libc();
        if (libc.getuid() == 0 && libc.umount2(mountpoint.toString(), MNT_DETACH) == 0) {
            return true;
        }
        // Not root, or umount2 refused: fusermount3 knows every other way (and says why it cannot).
        try {
            Process p = new ProcessBuilder("fusermount3", "-u", "-z", mountpoint.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor() == 0) {
                return true;
            }
            if (out.contains("Invalid argument") || out.contains("No such file") || out.contains("not found in")) {
                return false;
            }
            throw new IOException("cannot unmount " + mountpoint + ": " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unmounting " + mountpoint, e);
        }
    }

    /**
     * Releases the connection, unmounting first if that has not happened. Call it
     * only when no thread reads the connection any more. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (mounted) {
            mounted = false;
            Native.LibFuse3 fuse = Native.libfuse();
            fuse.fuse_session_unmount(session);
            fuse.fuse_session_destroy(session);
        }
    }

    /** struct fuse_args { int argc; char **argv; int allocated; } in native memory. */
    private static final class NativeArgs {
        final Pointer struct;
        private final List<Pointer> keepAlive = new ArrayList<>();

        NativeArgs(Runtime rt, List<String> argv) {
            Pointer array = Memory.allocateDirect(rt, (argv.size() + 1) * 8L, true);
            for (int i = 0; i < argv.size(); i++) {
                byte[] s = argv.get(i).getBytes(StandardCharsets.UTF_8);
                Pointer p = Memory.allocateDirect(rt, s.length + 1, true);
                p.put(0, s, 0, s.length);
                keepAlive.add(p);
                array.putPointer(i * 8L, p);
            }
            keepAlive.add(array);
            struct = Memory.allocateDirect(rt, 24, true);
            struct.putInt(0, argv.size());
            struct.putPointer(8, array);
            struct.putInt(16, 0);
        }
    }
}

package org.ventifs.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ventifs.fs.DataDirectory;
import org.ventifs.fs.MountOptions;
import org.ventifs.fs.VentifsFileSystem;
import org.ventifs.fs.fuse.FuseConfig;
import org.ventifs.fs.fuse.FuseMount;
import org.ventifs.fs.fuse.FuseSession;
import org.ventifs.fs.mount.Daemon;
import org.ventifs.fs.mount.MountPointCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ventifs mount}: mounts a data directory's file system, in the background unless -f. */
@Command(name = "mount", mixinStandardHelpOptions = true,
        description = {"Mounts the file system, formatting the data directory with the embedded store on first use.",
            "Runs in the background unless -f. Unmount with 'umount MOUNTPOINT' or 'fusermount3 -u MOUNTPOINT';"
                + " SIGTERM unmounts cleanly."})
final class MountCommand implements Callable<Integer> {
    /** How long SIGTERM waits for open files to close after detaching the mount. */
    private static final long DRAIN_SECONDS = 5;

    @Option(names = "-o", paramLabel = "OPTS",
            description = "FUSE mount options, comma-separated (allow_other, ro, nodev, fsname=...).")
    String options;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The data directory (default /var/lib/ventifs/default for root, ~/.local/share/ventifs/default otherwise).")
    Path data;

    @Option(names = "--venti", paramLabel = "ADDR", description = "Keep blocks on this Venti server (tcp!host!port or host:port).")
    String venti;

    @Option(names = "--snap-at", paramLabel = "HH:MM|none", defaultValue = "04:00",
            description = "Local time of the nightly snapshot (default ${DEFAULT-VALUE}).")
    String snapAt;

    @Option(names = "-f", description = "Stay in the foreground and log to stderr.")
    boolean foreground;

    @Parameters(paramLabel = "MOUNTPOINT")
    Path mountpoint;

    @Override
    public Integer call() throws Exception {
        if (venti != null) {
            throw new IllegalArgumentException("--venti is not supported by mount yet; use the embedded store");
        }
        Path dataDir = (data != null ? data : DataDirectories.defaultDataDirectory()).toAbsolutePath();
        Path mnt = MountPointCheck.check(mountpoint);
        if (!foreground) {
            return background(dataDir, mnt);
        }
        return serve(dataDir, mnt);
    }

    private int background(Path dataDir, Path mnt) throws IOException {
        List<String> args = new ArrayList<>(List.of("mount", "-f", "--data", dataDir.toString(), "--snap-at", snapAt));
        if (options != null) {
            args.add("-o");
            args.add(options);
        }
        args.add(mnt.toString());
        Path log = dataDir.resolve("ventifs.log");
        long pid = Daemon.start(Main.class.getName(), args, mnt, "fuse.ventifs", log, 120);
        System.err.println("ventifs: mounted " + dataDir + " at " + mnt + " (pid " + pid + ", log " + log
                + "); unmount with 'umount " + mnt + "'");
        return ExitCode.OK;
    }

    private int serve(Path dataDir, Path mnt) throws Exception {
        int uid = CurrentUser.uid();
        DataDirectory dir = DataDirectory.openOrFormat(dataDir, uid, CurrentUser.gid());
        FuseSession session;
        try {
            FuseMount m = FuseMount.mount(mnt, MountOptions.forMount(uid, options));
            session = FuseSession.start(m, new VentifsFileSystem(dir.cache(), dir.catalog(), dir.store()),
                    FuseConfig.defaults());
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
        System.err.println("ventifs: mounted " + dataDir + " at " + mnt);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop(session, dir, mnt, closed);
            // A clean stop on SIGTERM is a success (status 0, not the JVM's 143) for systemd and scripts.
            Runtime.getRuntime().halt(ExitCode.OK);
        }, "ventifs-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        session.awaitUnmount();
        // Unmounted from outside (umount, fusermount -u): make everything durable and leave.
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            closed.await(); // already shutting down: the hook finishes the job
            return ExitCode.OK;
        }
        stop(session, dir, mnt, closed);
        if (session.failure() != null) {
            throw new IOException("the FUSE connection failed: " + session.failure().getMessage(), session.failure());
        }
        return ExitCode.OK;
    }

    /** Detaches the mount, lets open files drain for a moment, and makes every change durable. */
    private static void stop(FuseSession session, DataDirectory dir, Path mnt, CountDownLatch closed) {
        try {
            boolean drained = session.closeWithin(DRAIN_SECONDS, TimeUnit.SECONDS);
            if (drained) {
                dir.close();
            } else {
                // Files were still open: the data is committed, so sync it and leave the rest to the exit.
                dir.cache().sync();
                dir.store().sync();
                System.err.println("ventifs: files were still open at " + mnt + "; their handles are now closed");
            }
            System.err.println("ventifs: unmounted " + mnt + "; every change is on disk");
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("ventifs: unmounting " + mnt + " failed: " + e.getMessage());
        } finally {
            closed.countDown();
        }
    }
}

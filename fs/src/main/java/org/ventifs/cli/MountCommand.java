package org.ventifs.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import org.ventifs.fs.control.ControlClient;
import org.ventifs.fs.control.ControlServer;
import org.ventifs.snapshot.NightlySchedule;
import org.ventifs.snapshot.Snapshotter;
import org.ventifs.fs.DataDirectory;
import org.ventifs.fs.KernelWriteback;
import org.ventifs.fs.MountOptions;
import org.ventifs.fs.VentifsFileSystem;
import org.ventifs.fs.fuse.FuseConfig;
import org.ventifs.fs.fuse.FuseMount;
import org.ventifs.fs.fuse.FuseSession;
import org.ventifs.fs.mount.Daemon;
import org.ventifs.fs.mount.MountPointCheck;
import org.ventifs.fs.mount.MountTable;
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
            description = "FUSE mount options, comma-separated (allow_other, ro, nodev, ...).")
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
        NightlySchedule.parse(snapAt); // a bad --snap-at fails here, not in the background
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
        LocalTime nightly = NightlySchedule.parse(snapAt);
        int uid = CurrentUser.uid();
        DataDirectory dir = DataDirectory.openOrFormat(dataDir, uid, CurrentUser.gid());
        RunningMount daemon = new RunningMount(dir, mnt);
        // The hook is in place before the mount exists, so a SIGTERM at any moment unmounts cleanly;
        // it waits (on the daemon's monitor) for start-up to finish first.
        Thread hook = new Thread(() -> {
            daemon.stop();
            // A clean stop on SIGTERM is a success (status 0, not the JVM's 143) for systemd and scripts.
            Runtime.getRuntime().halt(ExitCode.OK);
        }, "ventifs-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        synchronized (daemon) {
            try {
                FuseConfig config = FuseConfig.defaults(); // a bad ventifs.fuse.* property fails before mounting
                FuseMount m = FuseMount.mount(mnt, MountOptions.forMount(uid, options, dataDir));
                VentifsFileSystem fs = new VentifsFileSystem(dir.cache(), dir.catalog(), dir.store());
                daemon.session = FuseSession.start(m, fs, config);
                daemon.kernelWrites = new KernelWriteback(mnt, dir.cache(), fs);
                Clock clock = Clock.systemDefaultZone();
                daemon.snapshotter = new Snapshotter(dir.cache(), dir.store(), dir.catalog(), clock, daemon.kernelWrites);
                daemon.control = ControlServer.start(dataDir.resolve(ControlClient.SOCKET_NAME), daemon.snapshotter);
                daemon.schedule = new NightlySchedule(daemon.snapshotter, nightly, ZoneId.systemDefault(), clock);
            } catch (IOException | RuntimeException e) {
                daemon.stop();
                Runtime.getRuntime().removeShutdownHook(hook);
                throw e;
            }
            System.err.println("ventifs: mounted " + dataDir + " at " + mnt + "; nightly snapshot "
                    + (nightly == null ? "off" : "at " + nightly));
            daemon.snapshotter.retakeInterrupted().ifPresent(t ->
                    System.err.println("ventifs: retaking the snapshot a crash interrupted, as " + t.dumpName()));
            daemon.schedule.start();
        }
        daemon.session.awaitUnmount();
        // Unmounted from outside (umount, fusermount -u): make everything durable and leave.
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            daemon.stopped.await(); // already shutting down: the hook finishes the job
            return ExitCode.OK;
        }
        daemon.stop();
        if (daemon.session.failure() != null) {
            throw new IOException("the FUSE connection failed: " + daemon.session.failure().getMessage(),
                    daemon.session.failure());
        }
        return ExitCode.OK;
    }

    /** What a running mount holds, stopped in the reverse order of starting. */
    private static final class RunningMount {
        final DataDirectory dir;
        final Path mnt;
        final CountDownLatch stopped = new CountDownLatch(1);
        FuseSession session;
        Snapshotter snapshotter;
        ControlServer control;
        NightlySchedule schedule;
        KernelWriteback kernelWrites;

        RunningMount(DataDirectory dir, Path mnt) {
            this.dir = dir;
            this.mnt = mnt;
        }

        /**
         * Stops taking snapshots (a running archive finishes), detaches the mount, lets
         * open files drain for a moment, and makes every change durable. Idempotent.
         */
        synchronized void stop() {
            if (stopped.getCount() == 0) {
                return;
            }
            try {
                if (schedule != null) {
                    schedule.close();
                }
                if (control != null) {
                    control.close();
                }
                if (snapshotter != null) {
                    snapshotter.close();
                }
                handOverKernelWrites();
                boolean drained = session == null || session.closeWithin(DRAIN_SECONDS, TimeUnit.SECONDS);
                if (drained) {
                    dir.close();
                } else {
                    // Files were still open: their changes are committed, so sync and leave the rest to the exit.
                    dir.cache().sync();
                    dir.store().sync();
                    System.err.println("ventifs: files were still open at " + mnt + "; their handles are now closed");
                }
                System.err.println("ventifs: unmounted " + mnt + "; every change is on disk");
            } catch (IOException | InterruptedException | RuntimeException e) {
                System.err.println("ventifs: unmounting " + mnt + " failed: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }

        /**
         * Has the kernel write back the pages it still holds for files left open (the
         * writeback cache), while the mount is still there to receive them; a mount already
         * gone (umount from outside) wrote them back on its way out.
         */
        private void handOverKernelWrites() {
            try {
                if (kernelWrites != null && MountTable.at(mnt).filter(m -> m.type().equals("fuse.ventifs")).isPresent()) {
                    kernelWrites.handOver();
                }
            } catch (IOException e) {
                System.err.println("ventifs: " + e.getMessage() + "; writes to files still open may be lost");
            }
        }
    }
}

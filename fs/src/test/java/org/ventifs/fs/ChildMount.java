package org.ventifs.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ventifs.fs.mount.MountTable;

/**
 * A ventifs mount served by another JVM (`ventifs mount -f` in a child process), for
 * tests that touch the mount through mmap: a page fault on a FUSE file served by the
 * faulting JVM itself can deadlock with the JVM's safepoints.
 */
public final class ChildMount implements AutoCloseable {
    public final Path data;
    public final Path mnt;
    /** The daemon's stdout and stderr. */
    public final Path log;
    private final Process daemon;

    public ChildMount(Path data, Path mnt) throws IOException, InterruptedException {
        this.data = data;
        this.mnt = mnt;
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "org.ventifs.cli.Main",
                "mount", "-f", "--data", data.toString(), "--snap-at", "none", mnt.toString()));
        // Kept in the build folder, so that a failure can be read after the temp folder is gone.
        log = Files.createDirectories(Path.of("target", "child-mounts"))
                .resolve(data.getParent().getFileName() + "-" + System.nanoTime() + ".log");
        daemon = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (MountTable.at(mnt).isEmpty()) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                daemon.destroyForcibly();
                throw new IOException("the child mount did not come up: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    /** Stops the daemon with SIGTERM (a clean unmount) and waits for it. */
    @Override
    public void close() throws Exception {
        daemon.destroy();
        if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
            daemon.destroyForcibly();
            new ProcessBuilder("fusermount3", "-u", "-z", mnt.toString()).start().waitFor();
            throw new AssertionError("the child mount did not stop on SIGTERM");
        }
    }
}

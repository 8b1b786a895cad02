package org.ventifs.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ventifs.fs.fuse.FuseConfig;
import org.ventifs.fs.fuse.FuseMount;
import org.ventifs.fs.fuse.FuseSession;

/** A real ventifs mount over a fresh data directory, for tests; close() always unmounts. */
public final class MountedVentifs implements AutoCloseable {
    public final Path data;
    public final Path mnt;
    public final DataDirectory dir;
    private final FuseSession session;

    public MountedVentifs(Path scratch) throws IOException {
        this(scratch.resolve("data"), Files.createDirectories(scratch.resolve("mnt")));
    }

    public MountedVentifs(Path data, Path mnt) throws IOException {
        this.data = data;
        this.mnt = mnt;
        this.dir = DataDirectory.openOrFormat(data, 0, 0);
        FuseMount m;
        try {
            m = FuseMount.mount(mnt, MountOptions.forMount(0, null, data));
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
        session = FuseSession.start(m, new VentifsFileSystem(dir.cache(), dir.catalog(), dir.store()),
                FuseConfig.defaults());
    }

    @Override
    public void close() throws Exception {
        try {
            session.close();
        } finally {
            dir.close();
        }
        if (session.failure() != null) {
            throw new AssertionError("the FUSE session failed", session.failure());
        }
    }

    /** Runs a command as another user (uid/gid 65534, nobody) and returns its exit code. */
    public static int runAsNobody(String... shellCommand) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "sh", "-c"));
        cmd.add(String.join(" ", shellCommand));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    /** Runs a command and returns its exit code, failing with its output when it is not 0. */
    public static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}

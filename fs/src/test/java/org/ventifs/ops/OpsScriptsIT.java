package org.ventifs.ops;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.fs.mount.MountTable;

/**
 * mount-scripts/ as an operator uses them, against the built jar: install, mount -t
 * ventifs, an fstab line (through a scratch fstab with mount -T), systemd-analyze
 * verify of the units, and uninstall leaving the data directory alone. The mount
 * helper must sit in /usr/sbin, where mount(8) looks; it is removed afterwards.
 */
class OpsScriptsIT {
    private static final Path SRC = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path HELPER = Path.of("/usr/sbin/mount.ventifs");

    @TempDir
    Path tmp;
    private Path prefix;
    private Path units;
    private Path data;
    private Path mnt;

    @BeforeEach
    void install() throws Exception {
        prefix = tmp.resolve("prefix");
        units = tmp.resolve("units");
        data = tmp.resolve("data");
        mnt = Files.createDirectories(tmp.resolve("mnt"));
        assertFalse(Files.exists(HELPER), HELPER + " exists already; this test would replace it");
        run(SRC.resolve("mount-scripts/install").toString(), "--prefix", prefix.toString(),
                "--sbindir", "/usr/sbin", "--unitdir", units.toString());
    }

    @AfterEach
    void uninstall() throws Exception {
        if (MountTable.at(mnt).isPresent()) {
            new ProcessBuilder("fusermount3", "-u", "-z", mnt.toString()).start().waitFor();
        }
        run(SRC.resolve("mount-scripts/uninstall").toString(), "--prefix", prefix.toString(),
                "--sbindir", "/usr/sbin", "--unitdir", units.toString());
        assertFalse(Files.exists(HELPER));
    }

    @Test
    void mountDashTAndFstabMountAndUnmount() throws Exception {
        run("mount", "-t", "ventifs", data.toString(), mnt.toString(), "-o", "snap_at=none,nodev");
        assertEquals("fuse.ventifs", MountTable.at(mnt).orElseThrow().type());
        Files.writeString(mnt.resolve("through-mount-t"), "yes");
        unmount();
        Path fstab = tmp.resolve("fstab");
        Files.writeString(fstab, "# scratch fstab\n" + data + " " + mnt + " ventifs defaults,_netdev,snap_at=none 0 0\n");
        run("mount", "-T", fstab.toString(), mnt.toString());
        assertEquals("yes", Files.readString(mnt.resolve("through-mount-t")));
        unmount();
    }

    @Test
    void theInstalledLauncherStartsFromTheJarsClassArchive() throws Exception {
        assertTrue(Files.isRegularFile(prefix.resolve("lib/ventifs/ventifs.jsa")), "install made the class archive");
        // -Xshare:on makes the JVM fail unless it maps the archive, which must match the installed jar.
        ProcessBuilder pb = new ProcessBuilder(prefix.resolve("bin/ventifs").toString(), "--version")
                .redirectErrorStream(true);
        pb.environment().put("VENTIFS_JAVA_OPTS", "-Xshare:on");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("ventifs "), out);
    }

    @Test
    void unitsPassSystemdAnalyzeVerify() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
            run("apt-get", "install", "-y", "-qq", "systemd");
        }
        String out = run("/usr/bin/systemd-analyze", "verify", units.resolve("ventifs.service").toString(),
                units.resolve("ventifs-snap.service").toString(), units.resolve("ventifs-snap.timer").toString());
        assertFalse(out.contains("rror"), out);
    }

    @Test
    void uninstallLeavesDataAlone() throws Exception {
        run("mount", "-t", "ventifs", data.toString(), mnt.toString(), "-o", "snap_at=none");
        Files.writeString(mnt.resolve("precious"), "keep me");
        unmount();
        run(SRC.resolve("mount-scripts/uninstall").toString(), "--prefix", prefix.toString(),
                "--sbindir", "/usr/sbin", "--unitdir", units.toString());
        assertFalse(Files.exists(prefix.resolve("bin/ventifs")));
        assertTrue(Files.isDirectory(data.resolve("cache")));
        assertTrue(Files.isDirectory(data.resolve("venti")));
        run(SRC.resolve("mount-scripts/install").toString(), "--prefix", prefix.toString(),
                "--sbindir", "/usr/sbin", "--unitdir", units.toString());
        run("mount", "-t", "ventifs", data.toString(), mnt.toString(), "-o", "snap_at=none");
        assertEquals("keep me", Files.readString(mnt.resolve("precious")));
        unmount();
    }

    private void unmount() throws Exception {
        run("umount", mnt.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (MountTable.at(mnt).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(MountTable.at(mnt).isEmpty());
        // Wait for the daemon to finish making its changes durable.
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            if (p.info().commandLine().orElse("").contains(data.toString())) {
                p.onExit().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }
}

package org.ventifs.ops;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.fs.mount.MountTable;

/**
 * README's first command on a clean clone, in a scratch place: it builds, formats,
 * mounts; then a write, a snapshot, the dump read back, an unmount; and the command
 * run twice more (once while mounted, once after) does no harm.
 */
class FirstMountIT {
    private static final Path SRC = Path.of(System.getProperty("user.dir")).getParent();

    @TempDir
    Path tmp;

    @Test
    void readmesFirstCommandMountsSnapsAndIsIdempotent() throws Exception {
        Path clone = tmp.resolve("clone");
        run(Map.of(), "git", "clone", "-q", SRC.toString(), clone.toString());
        Path mnt = tmp.resolve("archive");
        Path data = tmp.resolve("data");
        Map<String, String> env = Map.of("VENTIFS_MOUNTPOINT", mnt.toString(), "VENTIFS_DATA", data.toString());
        try {
            String first = run(env, clone.resolve("mount-scripts/first-mount").toString());
            assertTrue(first.contains("mounted at " + mnt) && first.contains(data.toString())
                    && first.contains("umount " + mnt), first);
            assertEquals("fuse.ventifs", MountTable.at(mnt).orElseThrow().type());
            Files.writeString(mnt.resolve("hello.txt"), "kept forever");
            String snap = run(Map.of(), clone.resolve("mount-scripts/ventifs").toString(), "snap", mnt.toString());
            assertTrue(snap.matches("(?s)\\d{4}/\\d{4}(\\.\\d+)? vac:[0-9a-f]{40}\\s*"), snap);
            String name = snap.split(" ")[0];
            assertEquals("kept forever", Files.readString(mnt.resolve("dump").resolve(name).resolve("hello.txt")));
            String again = run(env, clone.resolve("mount-scripts/first-mount").toString());
            assertTrue(again.contains("already mounted"), again);
            unmount(mnt, data);
            String third = run(env, clone.resolve("mount-scripts/first-mount").toString());
            assertTrue(third.contains("mounted at " + mnt), third);
            assertEquals("kept forever", Files.readString(mnt.resolve("hello.txt")));
            assertEquals("kept forever", Files.readString(mnt.resolve("dump").resolve(name).resolve("hello.txt")));
            unmount(mnt, data);
        } finally {
            if (MountTable.at(mnt).isPresent()) {
                new ProcessBuilder("fusermount3", "-u", "-z", mnt.toString()).start().waitFor();
            }
        }
    }

    private static void unmount(Path mnt, Path data) throws Exception {
        run(Map.of(), "umount", mnt.toString());
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            if (p.info().commandLine().orElse("").contains(data.toString())) {
                p.onExit().get(60, TimeUnit.SECONDS);
            }
        }
        assertTrue(MountTable.at(mnt).isEmpty());
    }

    private static String run(Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }
}

package org.ventifs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.fs.mount.MountTable;

/** `ventifs mount` as users run it: a background daemon, SIGTERM, kill -9, bad mountpoints. */
class MountCommandTest {
    @TempDir
    Path tmp;
    private Path data;
    private Path mnt;

    private record Run(int code, String output) {
    }

    @BeforeEach
    void dirs() throws IOException {
        data = tmp.resolve("data");
        mnt = Files.createDirectory(tmp.resolve("mnt"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        Optional<MountTable.Mount> m = MountTable.at(mnt);
        if (m.isPresent()) {
            new ProcessBuilder("fusermount3", "-u", "-z", mnt.toString()).start().waitFor();
        }
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            if (p.info().commandLine().orElse("").contains(data.toString())) {
                p.destroyForcibly();
            }
        }
    }

    private static Run ventifs(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ventifs " + String.join(" ", args) + " finished");
        return new Run(p.exitValue(), out);
    }

    private long mountInBackground() throws Exception {
        Run r = ventifs("mount", "--data", data.toString(), mnt.toString());
        assertEquals(0, r.code(), r.output());
        Matcher m = Pattern.compile("pid (\\d+)").matcher(r.output());
        assertTrue(m.find(), r.output());
        assertTrue(MountTable.at(mnt).isPresent());
        return Long.parseLong(m.group(1));
    }

    @Test
    void mountsInTheBackgroundAndStopsCleanlyOnSigterm() throws Exception {
        long pid = mountInBackground();
        Files.writeString(mnt.resolve("kept"), "durable");
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        daemon.destroy(); // SIGTERM
        daemon.onExit().get(30, TimeUnit.SECONDS);
        assertFalse(MountTable.at(mnt).isPresent(), "SIGTERM unmounts");
        assertTrue(Files.readString(data.resolve("ventifs.log")).contains("every change is on disk"));
        mountInBackground();
        assertEquals("durable", Files.readString(mnt.resolve("kept")));
        new ProcessBuilder("umount", mnt.toString()).start().waitFor();
        assertFalse(MountTable.at(mnt).isPresent(), "umount unmounts");
    }

    @Test
    void aKilledDaemonLeavesADeadMountThatTheNextMountExplains() throws Exception {
        long pid = mountInBackground();
        try (FileChannel f = FileChannel.open(mnt.resolve("f"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            f.write(ByteBuffer.wrap("x".getBytes(StandardCharsets.US_ASCII)));
            f.force(true); // what survives a kill at any moment
        }
        Files.writeString(mnt.resolve("g"), "y");
        Thread.sleep(1000); // the cache commits its open group of operations within about 100 ms
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        Run r = ventifs("mount", "--data", data.toString(), mnt.toString());
        assertEquals(1, r.code());
        assertTrue(r.output().contains("dead mount") && r.output().contains("fusermount3 -u " + mnt), r.output());
        assertEquals(1, r.output().strip().lines().count(), "one line: " + r.output());
        new ProcessBuilder("fusermount3", "-u", mnt.toString()).start().waitFor();
        mountInBackground();
        assertEquals("x", Files.readString(mnt.resolve("f")));
        assertEquals("y", Files.readString(mnt.resolve("g")));
        new ProcessBuilder("umount", mnt.toString()).start().waitFor();
    }

    @Test
    void busyAndMissingMountpointsAreOneLineErrors() throws Exception {
        mountInBackground();
        Run busy = ventifs("mount", "--data", tmp.resolve("other").toString(), mnt.toString());
        assertEquals(1, busy.code());
        assertTrue(busy.output().startsWith("ventifs mount: ") && busy.output().contains("busy"), busy.output());
        Run missing = ventifs("mount", "--data", tmp.resolve("other").toString(), tmp.resolve("nope").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.output().contains("mkdir -p"), missing.output());
        new ProcessBuilder("umount", mnt.toString()).start().waitFor();
    }
}

package org.ventifs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.fs.ChildMount;

/**
 * A snapshot holds what was written to a file that is still open: with the kernel's
 * writeback cache such writes sit in the kernel until it writes them back, so the daemon
 * must have the kernel hand them over (syncfs) before it freezes.
 */
class SnapOpenFileTest {
    @TempDir
    Path tmp;

    @Test
    void aSnapshotHoldsTheWritesOfAFileStillOpen() throws Exception {
        Path mnt = Files.createDirectory(tmp.resolve("mnt"));
        byte[] written = new byte[300_000];
        new Random(3).nextBytes(written);
        try (ChildMount m = new ChildMount(tmp.resolve("data"), mnt);
             FileChannel open = FileChannel.open(mnt.resolve("log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            open.write(ByteBuffer.wrap(written));
            CommandRun snap = CommandRun.of("snap", mnt.toString());
            assertEquals(0, snap.code, snap.err);
            String dump = snap.out.strip().split(" ")[0];
            Path archived = mnt.resolve("dump").resolve(dump).resolve("log");
            assertEquals(written.length, Files.size(archived),
                    "the dump lacks writes still in the kernel; the daemon's log:\n" + Files.readString(m.log));
            assertArrayEquals(written, Files.readAllBytes(archived));
        }
    }
}

package org.ventifs.vac.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.vac.PosixExtension.Timestamp;

/** Our libc bindings against what java.nio and the kernel say of the same files. */
class PosixTest {
    @TempDir
    Path dir;

    @Test
    void lstatAgreesWithJavaNioForEveryKind() throws IOException {
        Path file = Files.write(dir.resolve("file"), new byte[70000]);
        Path link = dir.resolve("link");
        Posix.symlink("file".getBytes(StandardCharsets.UTF_8), link);
        Path fifo = dir.resolve("fifo");
        Posix.mkfifo(fifo, 0640);
        Posix.setTimes(file, new Timestamp(1_000_000_000L, 123_456_789), new Timestamp(1_600_000_000L, 987_654_321));
        for (Path p : List.of(file, link, fifo, dir, Path.of("/dev/null"))) {
            FileFacts facts = Posix.lstat(p);
            Map<String, Object> nio = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
            assertEquals(nio.get("mode"), facts.mode(), p + " mode");
            assertEquals(nio.get("ino"), facts.ino(), p + " ino");
            assertEquals(nio.get("dev"), facts.dev(), p + " dev");
            assertEquals(nio.get("rdev"), facts.rdev(), p + " rdev");
            assertEquals(nio.get("nlink"), facts.nlink(), p + " nlink");
            assertEquals(nio.get("uid"), facts.uid(), p + " uid");
            assertEquals(nio.get("gid"), facts.gid(), p + " gid");
            assertEquals(nio.get("size"), facts.size(), p + " size");
            assertEquals(nio.get("lastModifiedTime"), fileTime(facts.mtime()), p + " mtime");
            assertEquals(nio.get("lastAccessTime"), fileTime(facts.atime()), p + " atime");
            assertEquals(nio.get("ctime"), fileTime(facts.ctime()), p + " ctime");
        }
        assertEquals(new Timestamp(1_600_000_000L, 987_654_321), Posix.lstat(file).mtime());
        assertTrue(Posix.lstat(file).blocks() >= 0);
        assertTrue(Posix.lstat(link).isSymlink() && Posix.lstat(fifo).isFifo() && Posix.lstat(dir).isDirectory());
        assertTrue(Posix.lstat(Path.of("/dev/null")).isDevice());
        assertEquals(1, Posix.major(Posix.lstat(Path.of("/dev/null")).rdev()));
        assertEquals(3, Posix.minor(Posix.lstat(Path.of("/dev/null")).rdev()));
    }

    @Test
    void linkTargetsKeepEveryByte() throws IOException {
        byte[] target = new byte[1000];
        for (int i = 0; i < target.length; i++) {
            target[i] = (byte) (i % 255 + 1);
        }
        Path link = dir.resolve("odd");
        Posix.symlink(target, link);
        assertArrayEquals(target, Posix.readlink(link));
        IOException nul = assertThrows(IOException.class, () -> Posix.symlink(new byte[] {'a', 0, 'b'}, dir.resolve("n")));
        assertTrue(nul.getMessage().contains("NUL"), nul.getMessage());
    }

    @Test
    void failuresNameThePathAndTheReason() {
        Path missing = dir.resolve("missing");
        IOException e = assertThrows(IOException.class, () -> Posix.lstat(missing));
        assertEquals("cannot read the attributes of " + missing + ": No such file or directory", e.getMessage());
    }

    @Test
    void creatingAFileNeverFollowsOrReplacesWhatIsThere() throws IOException {
        Path target = Files.writeString(dir.resolve("target"), "keep");
        Path link = dir.resolve("link");
        Posix.symlink("target".getBytes(StandardCharsets.UTF_8), link);
        IOException e = assertThrows(IOException.class, () -> RestoredFile.create(link));
        assertTrue(e.getMessage().contains("File exists"), e.getMessage());
        assertEquals("keep", Files.readString(target));
        assertFalse(Files.exists(dir.resolve("new")));
        RestoredFile.create(dir.resolve("new")).close();
        assertEquals(0600, Posix.lstat(dir.resolve("new")).mode() & 07777);
    }

    @Test
    void readsFillADirectBufferFromItsPosition() throws IOException {
        byte[] data = new byte[10000];
        new java.util.Random(3).nextBytes(data);
        Path file = Files.write(dir.resolve("data"), data);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(4000);
        int fd = Posix.openForReading(file);
        try {
            byte[] back = new byte[data.length];
            int total = 0;
            for (int n; (n = Posix.read(fd, buf.clear().position(7).limit(7 + 3000), file)) > 0; total += n) {
                assertEquals(7 + n, buf.position());
                buf.flip().position(7).get(back, total, n);
            }
            assertEquals(data.length, total);
            assertArrayEquals(data, back);
        } finally {
            Posix.close(fd, file);
        }
        IOException e = assertThrows(IOException.class, () -> Posix.openForReading(dir.resolve("none")));
        assertTrue(e.getMessage().contains("No such file"), e.getMessage());
    }

    private static FileTime fileTime(Timestamp t) {
        return FileTime.from(Instant.ofEpochSecond(t.seconds(), t.nanos()));
    }
}

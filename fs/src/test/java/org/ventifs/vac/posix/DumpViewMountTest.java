package org.ventifs.vac.posix;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.fs.MountedVentifs;
import org.ventifs.snapshot.DumpRecord;
import org.ventifs.vac.VacTree;
import org.ventifs.venti.Score;

/** The /dump view through a real mount, over vac trees written by `ventifs vac`'s archiver. */
class DumpViewMountTest {
    @TempDir
    Path tmp;
    private MountedVentifs fs;
    private Path src;

    @BeforeEach
    void mountAndArchive() throws IOException {
        src = tmp.resolve("src");
        SampleTree.create(src, new Random(42));
        fs = new MountedVentifs(tmp.resolve("fs"));
    }

    @AfterEach
    void unmount() throws Exception {
        fs.close();
    }

    private Score archive(VacTree previous) throws IOException {
        try (Progress quiet = new Progress("vac", null)) {
            return new TreeArchiver(fs.dir.store(), 8192, previous, quiet).archive(src, 2);
        }
    }

    @Test
    void aDumpShowsTheArchivedTreeFaithfully() throws IOException {
        Map<String, FileFacts> before = TreeComparison.snapshot(src);
        Score root = archive(null);
        fs.dir.catalog().append(new DumpRecord("2026/1122", root, 1_795_300_000L, 0));
        Path dump = fs.mnt.resolve("dump/2026/1122");
        assertTrue(Files.isDirectory(dump));
        Map<String, FileFacts> seen = TreeComparison.snapshot(dump);
        assertEquals(before.keySet(), seen.keySet());
        Map<Long, List<String>> sourceLinks = new HashMap<>();
        Map<Long, List<String>> dumpLinks = new HashMap<>();
        for (var e : before.entrySet()) {
            String path = e.getKey();
            FileFacts s = e.getValue();
            FileFacts d = seen.get(path);
            assertEquals(Integer.toOctalString(s.mode()), Integer.toOctalString(d.mode()), path + " mode");
            assertEquals(s.uid(), d.uid(), path + " uid");
            assertEquals(s.gid(), d.gid(), path + " gid");
            assertEquals(s.mtime(), d.mtime(), path + " mtime");
            if (s.isDevice()) {
                assertEquals(s.rdev(), d.rdev(), path + " device number");
            }
            if (!s.isDirectory()) {
                assertEquals(s.size(), d.size(), path + " size");
                sourceLinks.computeIfAbsent(s.ino(), k -> new ArrayList<>()).add(path);
                dumpLinks.computeIfAbsent(d.ino(), k -> new ArrayList<>()).add(path);
            }
            if (s.isRegular()) {
                assertEquals(-1, Files.mismatch(src.resolve(path), dump.resolve(path)), path + " contents");
            }
            if (s.isSymlink()) {
                assertArrayEquals(Posix.readlink(src.resolve(path)), Posix.readlink(dump.resolve(path)), path);
            }
            assertEquals(Xattrs.read(src.resolve(path)), Xattrs.read(dump.resolve(path)), path + " xattrs");
        }
        assertEquals(new java.util.HashSet<>(sourceLinks.values()), new java.util.HashSet<>(dumpLinks.values()),
                "hard links share one inode in the dump as in the source");
    }

    @Test
    void everyChangeUnderADumpIsReadOnly() throws Exception {
        fs.dir.catalog().append(new DumpRecord("2026/1122", archive(null), 1_795_300_000L, 0));
        Path dump = fs.mnt.resolve("dump/2026/1122");
        List<ThrowingRunnable> changes = List.of(
                () -> Files.writeString(dump.resolve("new"), "x"),
                () -> Files.writeString(dump.resolve("size-1"), "x", StandardOpenOption.APPEND),
                () -> Files.delete(dump.resolve("size-8192")),
                () -> Files.createDirectory(dump.resolve("dir")),
                () -> Files.move(dump.resolve("size-0"), dump.resolve("renamed")),
                () -> Files.setPosixFilePermissions(dump.resolve("size-0"), java.util.Set.of()),
                () -> Files.createLink(fs.mnt.resolve("escaped"), dump.resolve("size-0")),
                () -> Files.delete(fs.mnt.resolve("dump/2026/1122")),
                () -> Files.createDirectory(fs.mnt.resolve("dump/2027")));
        for (ThrowingRunnable change : changes) {
            FileSystemException e = assertThrows(FileSystemException.class, change::run);
            assertNotNull(e.getReason());
        }
        String touch = runCapturing("touch", dump.resolve("size-0").toString());
        assertTrue(touch.contains("Read-only file system"), touch);
        List<org.ventifs.vac.Xattr> xattrs = Xattrs.read(dump.resolve("size-8192"));
        assertTrue(xattrs.stream().anyMatch(x -> x.name().equals("user.comment")
                && new String(x.value()).equals("a comment")), xattrs.toString());
    }

    @Test
    void yearsAndDaysComeFromTheCatalog() throws IOException {
        Score first = archive(null);
        fs.dir.catalog().append(new DumpRecord("2026/1122", first, 1_795_300_000L, 0));
        Files.writeString(src.resolve("size-1"), "changed after the first dump");
        Score second = archive(VacTree.open(fs.dir.store(), first));
        fs.dir.catalog().append(new DumpRecord("2026/1122.1", second, 1_795_300_100L, 0));
        fs.dir.catalog().append(new DumpRecord("2027/0101", second, 1_798_000_000L, 0));
        assertEquals(List.of("2026", "2027"), names(fs.mnt.resolve("dump")));
        assertEquals(List.of("1122", "1122.1"), names(fs.mnt.resolve("dump/2026")));
        assertNotEquals("changed after the first dump",
                Files.readString(fs.mnt.resolve("dump/2026/1122/size-1"), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals("changed after the first dump", Files.readString(fs.mnt.resolve("dump/2026/1122.1/size-1")));
        assertFalse(Files.exists(fs.mnt.resolve("dump/2026/1123")));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String runCapturing(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private interface ThrowingRunnable {
        void run() throws IOException;
    }
}

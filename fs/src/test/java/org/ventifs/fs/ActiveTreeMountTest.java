package org.ventifs.fs;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POSIX behaviour of the active tree, through a real kernel mount over the real cache and store. */
class ActiveTreeMountTest {
    @TempDir
    Path tmp;
    private MountedVentifs fs;
    private Path mnt;

    @BeforeEach
    void mount() throws IOException {
        // Other users must reach the mountpoint for the permission tests.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        fs = new MountedVentifs(tmp);
        mnt = fs.mnt;
    }

    @AfterEach
    void unmount() throws Exception {
        fs.close();
    }

    @Test
    void showsUpAsVentifs() throws Exception {
        String mounts = Files.readString(Path.of("/proc/mounts"));
        assertTrue(mounts.contains("ventifs:" + fs.data + " " + mnt + " fuse.ventifs"), mounts);
        String df = MountedVentifs.run("df", "-P", mnt.toString());
        assertTrue(df.contains("ventifs"), df);
    }

    @Test
    void filesAndDirectoriesRoundTrip() throws IOException {
        Path d = Files.createDirectories(mnt.resolve("a/b/c"));
        Files.writeString(d.resolve("f"), "hello");
        assertEquals("hello", Files.readString(mnt.resolve("a/b/c/f")));
        assertThrows(FileAlreadyExistsException.class, () -> Files.createDirectory(d));
        assertThrows(DirectoryNotEmptyException.class, () -> Files.delete(mnt.resolve("a/b/c")));
        assertThrows(NoSuchFileException.class, () -> Files.readString(mnt.resolve("a/nope")));
        Files.delete(d.resolve("f"));
        Files.delete(d);
        assertFalse(Files.exists(d));
    }

    @Test
    void largeFilesRoundTripAcrossManyBlocks() throws IOException {
        byte[] data = new byte[9 << 20];
        new Random(7).nextBytes(data);
        Path f = mnt.resolve("big");
        Files.write(f, data);
        assertArrayEquals(data, Files.readAllBytes(f));
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(1000);
        }
        assertEquals(1000, Files.size(f));
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1}), 5000);
        }
        byte[] back = Files.readAllBytes(f);
        assertEquals(5001, back.length);
        for (int i = 1000; i < 5000; i++) {
            assertEquals(0, back[i], "truncated data must not come back at " + i);
        }
    }

    @Test
    void sparseFileOverFourGiB() throws IOException {
        Path f = mnt.resolve("sparse");
        long far = 5L << 30;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            ch.write(ByteBuffer.wrap("end".getBytes(StandardCharsets.UTF_8)), far);
            ByteBuffer hole = ByteBuffer.allocate(4096);
            ch.read(hole, 1L << 32);
            assertArrayEquals(new byte[4096], hole.array());
        }
        assertEquals(far + 3, Files.size(f));
    }

    @Test
    void appendGoesToTheEnd() throws IOException {
        Path f = Files.writeString(mnt.resolve("log"), "one\n");
        Files.writeString(f, "two\n", StandardOpenOption.APPEND);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap("three\n".getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals("one\ntwo\nthree\n", Files.readString(f));
    }

    @Test
    void hardLinksShareOneInodeAndItsAttributes() throws IOException {
        Path a = Files.writeString(mnt.resolve("a"), "x");
        Path b = mnt.resolve("b");
        Files.createLink(b, a);
        assertEquals(Files.getAttribute(a, "unix:ino"), Files.getAttribute(b, "unix:ino"));
        Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("rw-------"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(b)));
        assertEquals(2, Files.getAttribute(b, "unix:nlink"));
        Files.writeString(b, "changed");
        assertEquals("changed", Files.readString(a));
        Files.delete(a);
        assertEquals(1, Files.getAttribute(b, "unix:nlink"));
    }

    @Test
    void symlinksKeepTheirWholeTarget() throws IOException {
        String target = "some/deep/" + "x".repeat(200) + "/target";
        Path l = Files.createSymbolicLink(mnt.resolve("l"), Path.of(target));
        assertEquals(Path.of(target), Files.readSymbolicLink(l));
    }

    @Test
    void renameReplacesTargetsAndMovesDirectories() throws IOException {
        Files.writeString(mnt.resolve("x"), "new");
        Files.writeString(mnt.resolve("y"), "old");
        Files.move(mnt.resolve("x"), mnt.resolve("y"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals("new", Files.readString(mnt.resolve("y")));
        Files.createDirectories(mnt.resolve("d1/sub"));
        Files.writeString(mnt.resolve("d1/sub/f"), "inside");
        Files.createDirectory(mnt.resolve("d2"));
        Files.move(mnt.resolve("d1/sub"), mnt.resolve("d2/moved"));
        assertEquals("inside", Files.readString(mnt.resolve("d2/moved/f")));
        FileSystemException e = assertThrows(FileSystemException.class,
                () -> Files.move(mnt.resolve("d2"), mnt.resolve("d2/moved/inner")));
        assertNotNull(e.getMessage());
    }

    @Test
    void namesUpToNameMaxAndPathsUpToPathMax() throws IOException {
        Files.writeString(mnt.resolve("n".repeat(255)), "ok");
        FileSystemException e = assertThrows(FileSystemException.class,
                () -> Files.writeString(mnt.resolve("n".repeat(256)), "no"));
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
        Path deep = mnt;
        while (deep.toString().length() < 4000) {
            deep = deep.resolve("d".repeat(200));
        }
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("f"), "deep");
        assertEquals("deep", Files.readString(deep.resolve("f")));
    }

    @Test
    void openUnlinkedFileKeepsItsData() throws IOException {
        Path f = Files.writeString(mnt.resolve("tmpfile"), "still here");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Files.delete(f);
            assertFalse(Files.exists(f));
            ch.write(ByteBuffer.wrap("!".getBytes(StandardCharsets.UTF_8)), 10);
            ByteBuffer b = ByteBuffer.allocate(11);
            ch.read(b, 0);
            assertEquals("still here!", new String(b.array(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void fifosAndDeviceNodes() throws Exception {
        MountedVentifs.run("mkfifo", mnt.resolve("fifo").toString());
        MountedVentifs.run("mknod", mnt.resolve("null").toString(), "c", "1", "3");
        MountedVentifs.run("mknod", mnt.resolve("blk").toString(), "b", "259", "70000");
        assertEquals("fifo", MountedVentifs.run("stat", "-c", "%F", mnt.resolve("fifo").toString()).strip());
        assertEquals("character special file 1 3",
                MountedVentifs.run("stat", "-c", "%F %t %T", mnt.resolve("null").toString()).strip());
        String blk = MountedVentifs.run("stat", "-c", "%F %Hr %Lr", mnt.resolve("blk").toString()).strip();
        assertEquals("block special file 259 70000", blk);
        // Writing to the device node reaches the real /dev/null.
        Files.writeString(mnt.resolve("null"), "discarded");
    }

    @Test
    void timesWithNanosecondsAndOwners() throws Exception {
        Path f = Files.writeString(mnt.resolve("t"), "");
        FileTime t = FileTime.from(java.time.Instant.parse("2001-02-03T04:05:06.123456789Z"));
        Files.setLastModifiedTime(f, t);
        assertEquals(t, Files.getLastModifiedTime(f));
        MountedVentifs.run("chown", "1234:5678", f.toString());
        assertEquals(1234, Files.getAttribute(f, "unix:uid"));
        assertEquals(5678, Files.getAttribute(f, "unix:gid"));
    }

    @Test
    void extendedAttributes() throws IOException {
        Path f = Files.writeString(mnt.resolve("x"), "");
        UserDefinedFileAttributeView v = Files.getFileAttributeView(f, UserDefinedFileAttributeView.class);
        v.write("color", StandardCharsets.UTF_8.encode("blue"));
        assertEquals(List.of("color"), v.list());
        ByteBuffer b = ByteBuffer.allocate(v.size("color"));
        v.read("color", b);
        assertEquals("blue", new String(b.array(), 0, b.position(), StandardCharsets.UTF_8));
        v.delete("color");
        assertEquals(List.of(), v.list());
    }

    @Test
    void permissionsAreEnforcedForOtherUsers() throws Exception {
        Path priv = Files.createDirectory(mnt.resolve("private"));
        Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rwx------"));
        assertNotEquals(0, MountedVentifs.runAsNobody("ls", priv.toString()));
        assertNotEquals(0, MountedVentifs.runAsNobody("touch", mnt.resolve("rootowned").toString()));
        Path shared = Files.createDirectory(mnt.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(0, MountedVentifs.runAsNobody("touch", shared.resolve("mine").toString()));
        assertEquals(65534, Files.getAttribute(shared.resolve("mine"), "unix:uid"));
    }

    @Test
    void stickyDirectoryProtectsOthersFiles() throws Exception {
        Path tmpDir = Files.createDirectory(mnt.resolve("tmp"));
        MountedVentifs.run("chmod", "1777", tmpDir.toString());
        Files.writeString(tmpDir.resolve("roots"), "keep");
        assertNotEquals(0, MountedVentifs.runAsNobody("rm", "-f", tmpDir.resolve("roots").toString()));
        assertTrue(Files.exists(tmpDir.resolve("roots")));
        assertEquals(0, MountedVentifs.runAsNobody("touch", tmpDir.resolve("nobodys").toString()));
        assertEquals(0, MountedVentifs.runAsNobody("rm", tmpDir.resolve("nobodys").toString()));
    }

    @Test
    void setgidDirectoryPassesItsGroupOn() throws Exception {
        Path d = Files.createDirectory(mnt.resolve("team"));
        MountedVentifs.run("chown", "0:4242", d.toString());
        MountedVentifs.run("chmod", "2775", d.toString());
        Files.writeString(d.resolve("f"), "");
        Files.createDirectory(d.resolve("sub"));
        assertEquals(4242, Files.getAttribute(d.resolve("f"), "unix:gid"));
        assertEquals(4242, Files.getAttribute(d.resolve("sub"), "unix:gid"));
        String mode = MountedVentifs.run("stat", "-c", "%A", d.resolve("sub").toString()).strip();
        assertEquals('s', mode.charAt(6), "a subdirectory inherits setgid: " + mode);
    }

    @Test
    void dumpIsReservedAtTheTop() throws IOException {
        assertTrue(Files.isDirectory(mnt.resolve("dump")));
        try (Stream<Path> s = Files.list(mnt)) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().equals("dump")));
        }
        assertThrows(FileSystemException.class, () -> Files.delete(mnt.resolve("dump")));
        Files.writeString(mnt.resolve("f"), "x");
        FileSystemException e = assertThrows(FileSystemException.class,
                () -> Files.move(mnt.resolve("f"), mnt.resolve("dump")));
        assertNotNull(e);
        assertThrows(FileSystemException.class, () -> Files.move(mnt.resolve("dump"), mnt.resolve("elsewhere")));
        assertThrows(FileSystemException.class, () -> Files.writeString(mnt.resolve("dump/new"), "x"));
    }

    @Test
    void statfsReportsTheCache() throws Exception {
        String out = MountedVentifs.run("stat", "-f", "-c", "%b %f %l", mnt.toString()).strip();
        String[] f = out.split(" ");
        assertTrue(Long.parseLong(f[0]) > 0 && Long.parseLong(f[1]) > 0, out);
        assertEquals("255", f[2]);
    }

    @Test
    void listingsSurviveManyEntries() throws IOException {
        Path d = Files.createDirectory(mnt.resolve("many"));
        for (int i = 0; i < 1500; i++) {
            Files.createFile(d.resolve("entry-number-" + i));
        }
        try (Stream<Path> s = Files.list(d)) {
            assertEquals(1500, s.count());
        }
        try (Stream<Path> s = Files.list(mnt)) {
            assertEquals(2, s.count(), "dump and many");
        }
    }

    @Test
    void dataSurvivesRemount() throws Exception {
        byte[] data = new byte[300_000];
        new Random(3).nextBytes(data);
        Files.write(mnt.resolve("persist"), data);
        fs.close();
        fs = new MountedVentifs(fs.data, mnt);
        assertArrayEquals(data, Files.readAllBytes(mnt.resolve("persist")));
    }
}

package org.ventifs.fs.fuse;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FUSE engine through a real kernel mount, over a small in-memory file system. */
class FuseEngineTest {
    @TempDir
    Path tmp;
    private Path mnt;
    private FuseSession session;

    @BeforeEach
    void mount() throws IOException {
        mnt = Files.createDirectory(tmp.resolve("mnt"));
        FuseMount m = FuseMount.mount(mnt, List.of("fsname=enginetest", "subtype=ventifs", "default_permissions"));
        session = FuseSession.start(m, new MemoryTree(), FuseConfig.defaults());
    }

    @AfterEach
    void unmount() throws Exception {
        session.close();
        assertNull(session.failure());
    }

    @Test
    void showsUpInTheMountTable() throws IOException {
        String mounts = Files.readString(Path.of("/proc/mounts"));
        assertTrue(mounts.contains("enginetest " + mnt + " fuse.ventifs"), mounts);
    }

    @Test
    void filesDirectoriesAndLinks() throws IOException {
        Path dir = Files.createDirectory(mnt.resolve("d"));
        Path f = dir.resolve("f.txt");
        Files.writeString(f, "hello");
        assertEquals("hello", Files.readString(f));
        Files.createSymbolicLink(mnt.resolve("ln"), Path.of("d/f.txt"));
        assertEquals(Path.of("d/f.txt"), Files.readSymbolicLink(mnt.resolve("ln")));
        assertEquals("hello", Files.readString(mnt.resolve("ln")));
        Files.createLink(mnt.resolve("hard"), f);
        assertEquals(Files.getAttribute(f, "unix:ino"), Files.getAttribute(mnt.resolve("hard"), "unix:ino"));
        assertEquals(2, Files.getAttribute(f, "unix:nlink"));
        Files.move(f, dir.resolve("g.txt"));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("g.txt")), s.toList());
        }
        assertThrows(NoSuchFileException.class, () -> Files.readString(f));
        assertThrows(java.nio.file.DirectoryNotEmptyException.class, () -> Files.delete(dir));
    }

    @Test
    void largeWritesAndReadsRoundTrip() throws IOException {
        byte[] data = new byte[5 << 20];
        new Random(1).nextBytes(data);
        Path f = mnt.resolve("big");
        Files.write(f, data);
        assertArrayEquals(data, Files.readAllBytes(f));
    }

    @Test
    void longNamesAreRefused() throws IOException {
        Files.writeString(mnt.resolve("a".repeat(255)), "x");
        IOException e = assertThrows(IOException.class, () -> Files.writeString(mnt.resolve("b".repeat(256)), "x"));
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
    }

    @Test
    void extendedAttributes() throws IOException {
        Path f = Files.writeString(mnt.resolve("x"), "");
        UserDefinedFileAttributeView v = Files.getFileAttributeView(f, UserDefinedFileAttributeView.class);
        v.write("color", StandardCharsets.UTF_8.encode("blue"));
        assertEquals(List.of("color"), v.list());
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.size("color"));
        v.read("color", b);
        assertEquals("blue", new String(b.array(), StandardCharsets.UTF_8));
    }

    @Test
    void manyEntriesListAcrossSeveralReaddirCalls() throws IOException {
        for (int i = 0; i < 500; i++) {
            Files.createFile(mnt.resolve("file-with-a-longish-name-" + i));
        }
        try (Stream<Path> s = Files.list(mnt)) {
            assertEquals(500, s.count());
        }
    }
}

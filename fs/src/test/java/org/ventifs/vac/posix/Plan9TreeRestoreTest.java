package org.ventifs.vac.posix;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.vac.DirEntry;
import org.ventifs.vac.DirectoryStreams;
import org.ventifs.vac.DirectoryWriter;
import org.ventifs.vac.Entry;
import org.ventifs.vac.ModeBits;
import org.ventifs.vac.QidSpace;
import org.ventifs.vac.StreamWriter;
import org.ventifs.vac.VacTree;
import org.ventifs.venti.Score;
import org.ventifs.venti.local.LocalVenti;
import org.ventifs.venti.local.LocalVentiConfig;

/**
 * A tree without our POSIX extension, as plan9port's vac writes it (owners as
 * names, Plan 9 mode bits, times in seconds, a device as text), restores by what
 * its Plan 9 fields say.
 */
class Plan9TreeRestoreTest {
    @TempDir
    Path tmp;

    private static DirEntry plan9(String name, long qid, int mode, String owner) {
        return new DirEntry(name, 0, 0, 0, 0, qid, owner, owner, owner, 1_500_000_000L, 0, 1_500_000_001L,
                1_500_000_002L, mode, null, null);
    }

    private static Entry content(LocalVenti store, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StreamWriter w = new StreamWriter(store, false, 8180, 8192);
        if (bytes.length > 0) {
            w.appendLeaf(bytes, 0, bytes.length);
        }
        return w.finish();
    }

    @Test
    void plan9FieldsDecideModesOwnersTimesAndDevices() throws IOException {
        try (LocalVenti store = LocalVenti.open(tmp.resolve("store"),
                LocalVentiConfig.DEFAULT.withArenaCapacity(64L << 20))) {
            DirectoryWriter sub = new DirectoryWriter(store);
            sub.addFile(plan9("tool", 3, ModeBits.SETUID | 0755, "daemon"), content(store, "#!/bin/sh\n"));
            DirectoryStreams subStreams = sub.finish();
            DirectoryWriter root = new DirectoryWriter(store);
            root.addFile(plan9("file", 1, 0640, "nobody-known-here"), content(store, "plain\n"));
            root.addFile(plan9("link", 2, ModeBits.SYMLINK | 0777, "root"), content(store, "file"));
            root.addFile(plan9("null", 4, ModeBits.DEVICE | 0666, "root"), content(store, "c 1 3"));
            root.addFile(plan9("pipe", 5, ModeBits.NAMED_PIPE | 0600, "root"), content(store, ""));
            root.addFile(plan9("same-as-file", 1, 0640, "nobody-known-here"), content(store, "plain\n"));
            root.addDirectory(plan9("bin", 6, ModeBits.DIR | ModeBits.STICKY | 0755, "daemon"), subStreams);
            DirEntry top = plan9("/", 0, ModeBits.DIR | 0755, "root").withQidSpace(new QidSpace(0, 7));
            Score score = VacTree.write(store, "", top, root.finish(), 8192, Score.ZERO);

            Path dest = tmp.resolve("dest");
            try (Progress progress = new Progress("unvac", null)) {
                new TreeRestorer(store, progress).restore(VacTree.open(store, score), dest, 2);
            }
        }
        Path dest = tmp.resolve("dest");
        FileFacts file = Posix.lstat(dest.resolve("file"));
        assertEquals(ModeBits.S_IFREG | 0640, file.mode());
        assertEquals(1_500_000_000L, file.mtime().seconds());
        assertEquals(0, file.mtime().nanos());
        assertEquals(1_500_000_002L, file.atime().seconds());
        assertEquals(file.ino(), Posix.lstat(dest.resolve("same-as-file")).ino(), "equal qids are one file");
        FileFacts tool = Posix.lstat(dest.resolve("bin/tool"));
        assertEquals(ModeBits.S_IFREG | 04755, tool.mode());
        assertEquals(OwnerNames.ofSystem().userId("daemon"), tool.uid());
        assertEquals(ModeBits.S_IFDIR | 01755, Posix.lstat(dest.resolve("bin")).mode());
        assertEquals("file", new String(Posix.readlink(dest.resolve("link")), StandardCharsets.UTF_8));
        FileFacts dev = Posix.lstat(dest.resolve("null"));
        assertTrue(dev.isDevice());
        assertEquals(Posix.makedev(1, 3), dev.rdev());
        assertTrue(Posix.lstat(dest.resolve("pipe")).isFifo());
        assertEquals("plain\n", Files.readString(dest.resolve("file")));
    }
}

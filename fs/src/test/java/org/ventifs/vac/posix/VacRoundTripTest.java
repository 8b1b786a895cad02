package org.ventifs.vac.posix;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.vac.VacTree;
import org.ventifs.venti.Score;
import org.ventifs.venti.local.LocalVenti;
import org.ventifs.venti.local.LocalVentiConfig;

/** vac then unvac of a tree holding every kind of file, over a real embedded store. */
class VacRoundTripTest {
    @TempDir
    Path tmp;

    private static LocalVenti open(Path dir) throws IOException {
        return LocalVenti.open(dir, LocalVentiConfig.DEFAULT.withArenaCapacity(64L << 20));
    }

    @Test
    void everyKindOfFileComesBackTheSame() throws IOException {
        Path source = tmp.resolve("source");
        SampleTree.create(source, new Random(1));
        Map<String, FileFacts> before = TreeComparison.snapshot(source);
        Score score;
        try (LocalVenti store = open(tmp.resolve("store")); Progress progress = new Progress("vac", null)) {
            TreeArchiver archiver = new TreeArchiver(store, 8192, null, progress);
            score = archiver.archive(source, 3);
            assertTrue(archiver.warnings().isEmpty(), archiver.warnings().toString());
        }
        Path restored = tmp.resolve("restored");
        try (LocalVenti store = open(tmp.resolve("store")); Progress progress = new Progress("unvac", null)) {
            TreeRestorer restorer = new TreeRestorer(store, progress);
            restorer.restore(VacTree.open(store, score), restored, 3);
            assertTrue(restorer.warnings().isEmpty(), restorer.warnings().toString());
        }
        TreeComparison.assertSame(source, before, restored);
    }

    @Test
    void anIncrementalArchiveReusesUnchangedFilesAndSeesChangedOnes() throws IOException {
        Path source = tmp.resolve("source");
        SampleTree.create(source, new Random(2));
        try (LocalVenti store = open(tmp.resolve("store"))) {
            Score first;
            long files;
            try (Progress progress = new Progress("vac", null)) {
                first = new TreeArchiver(store, 8192, null, progress).archive(source, 2);
                files = progress.files();
            }
            Files.writeString(source.resolve("size-8193"), "changed");
            Files.delete(source.resolve("size-1"));
            Files.writeString(source.resolve("sub/new-file"), "new");
            // A new attribute changes only the ctime: the file is read again, its attributes too.
            Xattrs.write(source.resolve("size-8191"), java.util.List.of(new org.ventifs.vac.Xattr("user.added", new byte[] {1})));
            Map<String, FileFacts> before = TreeComparison.snapshot(source);
            Score second;
            try (Progress progress = new Progress("vac", null)) {
                second = new TreeArchiver(store, 8192, VacTree.open(store, first), progress).archive(source, 2);
                long regular = before.values().stream().filter(FileFacts::isRegular).count();
                // Every regular file but the changed, the new and the re-attributed one; a hard link's
                // second and third names are not counted as reused.
                assertEquals(regular - 3 - 2, progress.reused(), "unchanged files reused");
                assertEquals(files, progress.files());
            }
            Path restored = tmp.resolve("restored");
            try (Progress progress = new Progress("unvac", null)) {
                new TreeRestorer(store, progress).restore(VacTree.open(store, second), restored, 2);
            }
            TreeComparison.assertSame(source, before, restored);
        }
    }

    @Test
    void restoringIntoANonEmptyDirectoryIsRefused() throws IOException {
        Path source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("f"), "x");
        Path dest = Files.createDirectories(tmp.resolve("dest"));
        Files.writeString(dest.resolve("already"), "here");
        try (LocalVenti store = open(tmp.resolve("store")); Progress progress = new Progress("vac", null)) {
            Score score = new TreeArchiver(store, 8192, null, progress).archive(source, 1);
            IOException e = assertThrows(IOException.class,
                    () -> new TreeRestorer(store, progress).restore(VacTree.open(store, score), dest, 1));
            assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        }
    }
}

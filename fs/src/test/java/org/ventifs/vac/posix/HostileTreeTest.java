package org.ventifs.vac.posix;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.vac.DirEntry;
import org.ventifs.vac.DirectoryWriter;
import org.ventifs.vac.Entry;
import org.ventifs.vac.ModeBits;
import org.ventifs.vac.VacTree;
import org.ventifs.venti.CorruptBlockException;
import org.ventifs.venti.Score;
import org.ventifs.venti.local.LocalVenti;
import org.ventifs.venti.local.LocalVentiConfig;

/** Trees that must not be taken at their word, and files vac cannot keep. */
class HostileTreeTest {
    @TempDir
    Path tmp;

    private LocalVenti open() throws IOException {
        return LocalVenti.open(tmp.resolve("store"), LocalVentiConfig.DEFAULT.withArenaCapacity(64L << 20));
    }

    @Test
    void namesThatEscapeTheDestinationAreRefused() throws IOException {
        for (String evil : new String[] {"..", ".", "a/b", ""}) {
            Path dest = tmp.resolve("dest" + evil.length() + evil.hashCode());
            try (LocalVenti store = open(); Progress progress = new Progress("unvac", null)) {
                DirectoryWriter root = new DirectoryWriter(store);
                root.addFile(new DirEntry(evil, 0, 0, 0, 0, 1, "root", "root", "root", 0, 0, 0, 0, 0644, null, null),
                        Entry.empty(Entry.VAC_PSIZE, Entry.DEFAULT_DSIZE, false));
                DirEntry top = new DirEntry("/", 0, 0, 0, 0, 0, "root", "root", "root", 0, 0, 0, 0,
                        ModeBits.DIR | 0755, null, null);
                Score score = VacTree.write(store, "", top, root.finish(), 8192, Score.ZERO);
                CorruptBlockException e = assertThrows(CorruptBlockException.class,
                        () -> new TreeRestorer(store, progress).restore(VacTree.open(store, score), dest, 1));
                assertTrue(e.getMessage().contains("'" + evil + "'"), e.getMessage());
            }
            assertFalse(Files.exists(tmp.resolve("b")));
        }
    }

    @Test
    void socketsAreSkippedWithAWarning() throws IOException {
        Path source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("kept"), "kept");
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(source.resolve("socket")));
            try (LocalVenti store = open(); Progress progress = new Progress("vac", null)) {
                TreeArchiver archiver = new TreeArchiver(store, 8192, null, progress);
                Score score = archiver.archive(source, 1);
                assertEquals(1, archiver.warnings().size());
                assertTrue(archiver.warnings().get(0).contains("socket"), archiver.warnings().toString());
                var names = VacTree.open(store, score).directory(store).list().stream().map(DirEntry::elem).toList();
                assertEquals(java.util.List.of("kept"), names);
            }
        }
    }
}

package org.ventifs.fs.mount;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountPointCheckTest {
    @TempDir
    Path tmp;

    @Test
    void acceptsAnEmptyDirectory() throws IOException {
        Path d = Files.createDirectory(tmp.resolve("m"));
        assertEquals(d, MountPointCheck.check(d));
    }

    @Test
    void missingDirectorySaysHowToCreateIt() {
        IOException e = assertThrows(IOException.class, () -> MountPointCheck.check(tmp.resolve("nope")));
        assertTrue(e.getMessage().contains("mkdir -p " + tmp.resolve("nope")), e.getMessage());
    }

    @Test
    void aFileIsNotAMountpoint() throws IOException {
        Path f = Files.writeString(tmp.resolve("f"), "");
        IOException e = assertThrows(IOException.class, () -> MountPointCheck.check(f));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
    }

    @Test
    void aBusyMountpointNamesWhatIsMountedThere() throws Exception {
        Path d = Files.createDirectory(tmp.resolve("busy"));
        run("mount", "-t", "tmpfs", "-o", "size=1m", "checktest", d.toString());
        try {
            IOException e = assertThrows(IOException.class, () -> MountPointCheck.check(d));
            assertTrue(e.getMessage().contains("busy") && e.getMessage().contains("tmpfs"), e.getMessage());
        } finally {
            run("umount", d.toString());
        }
    }

    @Test
    void unescapesMountinfoOctal() {
        assertEquals("/mnt/a b\\c", MountTable.unescape("/mnt/a\\040b\\134c"));
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
    }
}

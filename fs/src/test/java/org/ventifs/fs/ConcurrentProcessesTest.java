package org.ventifs.fs;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes write their own files while a third renames directories back and forth. */
class ConcurrentProcessesTest {
    private static final int FILES = 300;

    @TempDir
    Path tmp;

    @Test
    void writersAndARenamerLoseNothing() throws Exception {
        try (MountedVentifs fs = new MountedVentifs(tmp)) {
            Path m = fs.mnt;
            Files.createDirectories(m.resolve("a/inner"));
            Files.createDirectories(m.resolve("w1"));
            Files.createDirectories(m.resolve("w2"));
            String writer = "i=0; while [ $i -lt " + FILES + " ]; do "
                    + "head -c $(( (i * 7919) % 100000 + 1 )) /dev/urandom > f$i.tmp && "
                    + "sha1sum f$i.tmp | cut -d' ' -f1 > f$i.sum && mv f$i.tmp f$i || exit 1; i=$((i+1)); done";
            String renamer = "i=0; while [ $i -lt 400 ]; do mv a b && mv b/inner b/inner2 && mv b/inner2 b/inner "
                    + "&& mv b a || exit 1; i=$((i+1)); done";
            Process w1 = new ProcessBuilder("sh", "-c", writer).directory(m.resolve("w1").toFile())
                    .redirectErrorStream(true).start();
            Process w2 = new ProcessBuilder("sh", "-c", writer).directory(m.resolve("w2").toFile())
                    .redirectErrorStream(true).start();
            Process r = new ProcessBuilder("sh", "-c", renamer).directory(m.toFile()).redirectErrorStream(true).start();
            for (Process p : List.of(w1, w2, r)) {
                assertTrue(p.waitFor(5, TimeUnit.MINUTES));
                assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
            }
            assertTrue(Files.isDirectory(m.resolve("a/inner")));
            for (String w : List.of("w1", "w2")) {
                for (int i = 0; i < FILES; i++) {
                    Path f = m.resolve(w).resolve("f" + i);
                    String want = Files.readString(m.resolve(w).resolve("f" + i + ".sum")).strip();
                    String got = MountedVentifs.run("sha1sum", f.toString()).split(" ")[0];
                    assertEquals(want, got, f.toString());
                    assertEquals((i * 7919) % 100000 + 1, Files.size(f));
                }
            }
        }
    }
}

package org.ventifs.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheSmokeTest {
    @TempDir
    Path dir;

    @Test
    void createWriteReadReopen() throws Exception {
        Cache.format(dir, 64 << 20, 4096, 0, 0);
        long ino;
        try (Cache c = Cache.open(dir, null)) {
            ino = c.create(Cache.ROOT, "a", 0644, 1, 2).ino();
            byte[] data = new byte[10000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 7 + 1);
            }
            c.write(ino, 100, data, 0, data.length);
            byte[] back = new byte[20000];
            assertEquals(10100, c.read(ino, 0, back, 0, back.length));
            assertEquals(0, back[50]);
            assertEquals(data[9999], back[10099]);
            ErrnoException e = assertThrows(ErrnoException.class, () -> c.create(Cache.ROOT, "a", 0644, 1, 2));
            assertEquals(Errno.EEXIST, e.errno());
        }
        try (Cache c = Cache.open(dir, null)) {
            assertEquals(10100, c.getattr(ino).size());
            assertEquals(1, c.readdir(Cache.ROOT, 0, 10).size());
            byte[] back = new byte[3];
            c.read(ino, 100, back, 0, 3);
            assertArrayEquals(new byte[] {1, 8, 15}, back);
        }
    }
}

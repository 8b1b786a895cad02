package org.ventifs.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readdir offsets survive inserts and deletes made between calls, as a paging reader needs. */
class ReaddirTest {
    @TempDir
    Path tmp;

    @Test
    void pagingThroughAChangingDirectorySeesEveryStayingEntryOnce() throws Exception {
        Cache.format(tmp, 16 << 20, 4096, 0, 0);
        try (Cache cache = Cache.open(tmp, null)) {
            long dir = cache.mkdir(Cache.ROOT, "d", 0755, 0, 0).ino();
            Set<String> staying = new HashSet<>();
            List<String> going = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                cache.create(dir, "s" + i, 0644, 0, 0);
                staying.add("s" + i);
                cache.create(dir, "g" + i, 0644, 0, 0);
                going.add("g" + i);
            }
            Random r = new Random(9);
            Set<String> seen = new HashSet<>();
            long cookie = 0;
            int added = 0;
            while (true) {
                List<DirEntry> page = cache.readdir(dir, cookie, 7);
                if (page.isEmpty()) {
                    break;
                }
                for (DirEntry e : page) {
                    assertTrue(seen.add(e.name()), e.name() + " listed twice");
                    assertTrue(e.cookie() > cookie, "cookies increase");
                    cookie = e.cookie();
                }
                for (int k = 0; k < 3 && !going.isEmpty(); k++) {
                    cache.unlink(dir, going.remove(r.nextInt(going.size())));
                }
                if (!going.isEmpty()) {
                    cache.create(dir, "new" + added++, 0644, 0, 0);
                }
            }
            assertTrue(seen.containsAll(staying), "every entry present throughout is listed");
            assertTrue(seen.contains("new" + (added - 2)), "entries added after the reader's position appear");
            assertEquals(3, cache.readdir(Cache.ROOT, 0, 10).get(0).cookie(), "cookies 1 and 2 are left for . and ..");
        }
    }
}

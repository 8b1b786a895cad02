package org.ventifs.vac.posix;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A snapshot of a tree's facts, and the assertion that two trees are equal. */
final class TreeComparison {
    private TreeComparison() {
    }

    /** lstat of every path under {@code root}, by relative path. */
    static Map<String, FileFacts> snapshot(Path root) throws IOException {
        Map<String, FileFacts> facts = new TreeMap<>();
        try (var all = Files.walk(root)) {
            for (Path p : all.toList()) {
                facts.put(root.relativize(p).toString(), Posix.lstat(p));
            }
        }
        return facts;
    }

    /**
     * Asserts that {@code restored} holds what {@code before} (taken of {@code source}
     * before archiving) says: kinds, modes, owners, sizes, times to the nanosecond,
     * device numbers, allocated blocks, contents, link targets, xattrs and hard-link groups.
     */
    static void assertSame(Path source, Map<String, FileFacts> before, Path restored) throws IOException {
        Map<String, FileFacts> after = snapshot(restored);
        assertEquals(before.keySet(), after.keySet(), "the same paths");
        for (var e : before.entrySet()) {
            String path = e.getKey();
            FileFacts s = e.getValue();
            FileFacts r = after.get(path);
            assertEquals(Integer.toOctalString(s.mode()), Integer.toOctalString(r.mode()), path + " mode");
            assertEquals(s.uid(), r.uid(), path + " uid");
            assertEquals(s.gid(), r.gid(), path + " gid");
            assertEquals(s.mtime(), r.mtime(), path + " mtime");
            assertEquals(s.atime(), r.atime(), path + " atime");
            assertEquals(s.nlink(), r.nlink(), path + " links");
            if (!s.isDirectory()) {
                assertEquals(s.size(), r.size(), path + " size");
                assertEquals(s.blocks(), r.blocks(), path + " allocated blocks");
            }
            if (s.isDevice()) {
                assertEquals(s.rdev(), r.rdev(), path + " device number");
            }
            Path sp = source.resolve(path);
            Path rp = restored.resolve(path);
            if (s.isRegular()) {
                assertEquals(-1, Files.mismatch(sp, rp), path + " contents");
            }
            if (s.isSymlink()) {
                assertArrayEquals(Posix.readlink(sp), Posix.readlink(rp), path + " target");
            }
            assertEquals(Xattrs.read(sp), Xattrs.read(rp), path + " xattrs");
        }
        assertEquals(linkGroups(before), linkGroups(after), "hard-link groups");
    }

    private static List<List<String>> linkGroups(Map<String, FileFacts> facts) {
        Map<Long, List<String>> byInode = new HashMap<>();
        for (var e : facts.entrySet()) {
            if (!e.getValue().isDirectory()) {
                byInode.computeIfAbsent(e.getValue().ino(), k -> new ArrayList<>()).add(e.getKey());
            }
        }
        List<List<String>> groups = new ArrayList<>();
        for (List<String> g : byInode.values()) {
            if (g.size() > 1) {
                g.sort(null);
                groups.add(g);
            }
        }
        groups.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return groups;
    }

    static String describe(Map<String, FileFacts> facts) {
        return Arrays.toString(facts.keySet().toArray());
    }
}

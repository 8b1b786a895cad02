package org.ventifs.venti.local;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;

class StoreCheckerTest {
    @TempDir
    Path dir;

    /** Fills a store with blocks over several arenas (the last one open) and returns their scores. */
    private List<Score> fill(int blocks) throws IOException {
        Random rnd = new Random(11);
        List<Score> scores = new ArrayList<>();
        try (LocalVenti v = LocalVenti.open(dir, LocalVentiTest.SMALL)) {
            for (int i = 0; i < blocks; i++) {
                byte[] b = LocalVentiTest.random(rnd, 20000);
                scores.add(v.put(BlockType.DATA, b, 0, b.length));
            }
        }
        return scores;
    }

    private Path arena(int n) {
        return dir.resolve(String.format("arenas/arena-%08d", n));
    }

    @Test
    void aSoundStoreHasNoProblems() throws IOException {
        fill(40);
        StoreChecker.Report r = StoreChecker.check(dir, true);
        assertEquals(List.of(), r.problems());
        assertTrue(r.arenas() >= 3, "arenas: " + r.arenas());
        assertEquals(40, r.clumps());
        assertEquals(40, r.indexEntries());
    }

    @Test
    void aFlippedByteInAnOpenArenaIsFoundByReadData() throws IOException {
        fill(40);
        int last = lastArena();
        Path path = arena(last);
        LocalVentiTest.flipByte(path, ArenaHeader.SIZE + ClumpHeader.SIZE + 500);
        assertEquals(List.of(), StoreChecker.check(dir, false).problems(), "structure alone is intact");
        List<String> problems = StoreChecker.check(dir, true).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(path.toString()) && problems.get(0).contains("offset " + ArenaHeader.SIZE),
                problems.get(0));
    }

    @Test
    void aFlippedByteInASealedArenaBreaksItsSeal() throws IOException {
        fill(40);
        LocalVentiTest.flipByte(arena(0), ArenaHeader.SIZE + ClumpHeader.SIZE + 500);
        List<String> problems = StoreChecker.check(dir, false).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(arena(0) + " changed after it was sealed"), problems.get(0));
        assertEquals(2, StoreChecker.check(dir, true).problems().size());
    }

    @Test
    void aDamagedHeaderInAnEarlierArenaIsAProblem() throws IOException {
        fill(40);
        LocalVentiTest.flipByte(arena(1), ArenaHeader.SIZE + 3);
        List<String> problems = StoreChecker.check(dir, false).problems();
        assertFalse(problems.isEmpty());
        assertTrue(problems.stream().anyMatch(p -> p.contains(arena(1) + " is damaged from offset " + ArenaHeader.SIZE)),
                problems.toString());
    }

    @Test
    void indexEntriesAreCheckedAgainstTheArenasBothWays() throws IOException {
        List<Score> scores = fill(10);
        try (Index index = Index.open(dir.resolve("index"))) {
            HighWaterMark mark = index.highWater();
            index.clear();
            // The first block is missing; the second points at the first's clump.
            Map<BlockKey, ClumpAddress> entries = new java.util.HashMap<>();
            int[] seen = {0};
            ClumpAddress[] firstAddress = new ClumpAddress[1];
            ArenaScanner.scan(arena(0), ArenaHeader.SIZE, false, 0, (k, a, h, s) -> {
                if (seen[0]++ == 0) {
                    firstAddress[0] = a;
                } else {
                    entries.put(k, a);
                }
            });
            for (int n = 1; n <= lastArena(); n++) {
                ArenaScanner.scan(arena(n), ArenaHeader.SIZE, false, n, (k, a, h, s) -> entries.put(k, a));
            }
            entries.put(BlockKey.of(scores.get(1), BlockType.DATA), firstAddress[0]);
            index.commit(entries, mark, null);
        }
        List<String> problems = StoreChecker.check(dir, false).problems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains(scores.get(0) + "/13") && p.contains("missing from the index")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("index entry " + scores.get(1) + "/13")
                && p.contains("holds block " + scores.get(0))), problems.toString());
        IndexRebuilder.rebuild(dir);
        assertEquals(List.of(), StoreChecker.check(dir, true).problems());
    }

    @Test
    void aHighWaterMarkBeyondTheArenasIsAProblem() throws IOException {
        fill(3);
        try (Index index = Index.open(dir.resolve("index"))) {
            index.commit(Map.of(), new HighWaterMark(7, 100), null);
        }
        List<String> problems = StoreChecker.check(dir, false).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("high-water mark (arena 7"), problems.get(0));
        IOException e = assertThrows(IOException.class, () -> LocalVenti.open(dir, LocalVentiTest.SMALL));
        assertTrue(e.getMessage().contains("rebuild-index"), e.getMessage());
        IndexRebuilder.rebuild(dir);
        assertEquals(List.of(), StoreChecker.check(dir, false).problems());
    }

    @Test
    void aMissingIndexIsAProblemThatRebuildFixes() throws IOException {
        List<Score> scores = fill(30);
        LocalVentiTest.deleteRecursively(dir.resolve("index"));
        List<String> problems = StoreChecker.check(dir, false).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("rebuild-index"), problems.get(0));
        IndexRebuilder.Result result = IndexRebuilder.rebuild(dir);
        assertEquals(30, result.blocks());
        assertEquals(List.of(), StoreChecker.check(dir, true).problems());
        try (LocalVenti v = LocalVenti.open(dir, LocalVentiTest.SMALL)) {
            assertEquals(0, v.clumpsReindexedOnOpen());
            for (Score s : scores) {
                assertEquals(s, Score.of(v.get(s, BlockType.DATA)));
            }
        }
    }

    @Test
    void aGarbledIndexIsRebuilt() throws IOException {
        List<Score> scores = fill(5);
        Files.write(dir.resolve("index/data.mdb"), new byte[8192]);
        assertEquals(5, IndexRebuilder.rebuild(dir).blocks());
        try (LocalVenti v = LocalVenti.open(dir, LocalVentiTest.SMALL)) {
            for (Score s : scores) {
                assertEquals(s, Score.of(v.get(s, BlockType.DATA)));
            }
        }
    }

    @Test
    void aTornTailIsANoteNotAProblem() throws IOException {
        fill(3);
        Files.write(arena(lastArena()), new byte[] {0x56, 0x43, 0x4c, 0x4d, 1, 2, 3},
                java.nio.file.StandardOpenOption.APPEND);
        StoreChecker.Report r = StoreChecker.check(dir, true);
        assertEquals(List.of(), r.problems());
        assertEquals(1, r.notes().size(), r.notes().toString());
        assertTrue(r.notes().get(0).contains("torn"), r.notes().get(0));
    }

    @Test
    void aFolderWithoutAStoreIsAnError() {
        IOException e = assertThrows(IOException.class, () -> StoreChecker.check(dir.resolve("nothing"), false));
        assertTrue(e.getMessage().contains("no store"), e.getMessage());
    }

    private int lastArena() throws IOException {
        return new ArenaDirectory(dir.resolve("arenas")).numbers().size() - 1;
    }
}

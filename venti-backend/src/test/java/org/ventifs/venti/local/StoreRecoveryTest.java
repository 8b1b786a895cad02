package org.ventifs.venti.local;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;

/** Opening a store after a crash at each step of sealing an arena and starting the next. */
class StoreRecoveryTest {
    private static final long CAPACITY = LocalVentiTest.SMALL.arenaCapacity();

    @TempDir
    Path dir;

    private final List<byte[]> blocks = new ArrayList<>();

    private Path arena(int n) {
        return dir.resolve(String.format("arenas/arena-%08d", n));
    }

    /** Writes arena 0 by hand, full, sealed; no index exists. */
    private void writeSealedArena() throws IOException {
        Files.createDirectories(dir.resolve("arenas"));
        Random rnd = new Random(8);
        try (ArenaAppender a = ArenaAppender.create(arena(0), new ArenaHeader(0, CAPACITY))) {
            while (true) {
                byte[] b = LocalVentiTest.random(rnd, 7000);
                ClumpCodec.Encoded c = ClumpCodec.encode(13, Score.of(b), b, 0, b.length);
                if (!a.fits(c.header().clumpLength())) {
                    break;
                }
                a.append(c);
                blocks.add(b);
            }
            a.seal();
        }
    }

    private void assertEverythingReadsAndWritesGoOn() throws IOException {
        try (LocalVenti v = LocalVenti.open(dir, LocalVentiTest.SMALL)) {
            for (byte[] b : blocks) {
                assertArrayEquals(b, v.get(Score.of(b), BlockType.DATA));
            }
            byte[] more = LocalVentiTest.random(new Random(9), 7000);
            v.put(BlockType.DATA, more, 0, more.length);
            blocks.add(more);
        }
        try (LocalVenti v = LocalVenti.open(dir, LocalVentiTest.SMALL)) {
            for (byte[] b : blocks) {
                assertArrayEquals(b, v.get(Score.of(b), BlockType.DATA));
            }
        }
        assertEquals(List.of(), StoreChecker.check(dir, true).problems());
    }

    @Test
    void aTornTrailerLeavesTheArenaOpenAndItIsSealedAgainLater() throws IOException {
        writeSealedArena();
        long size = Files.size(arena(0));
        try (FileChannel ch = FileChannel.open(arena(0), StandardOpenOption.WRITE)) {
            ch.truncate(size - 10);
        }
        assertEverythingReadsAndWritesGoOn();
        assertTrue(Files.exists(arena(1)), "the full arena was sealed again and a new one began");
        assertEquals(size, Files.size(arena(0)));
    }

    @Test
    void aSealedLastArenaGetsASuccessor() throws IOException {
        writeSealedArena();
        assertEverythingReadsAndWritesGoOn();
        assertTrue(Files.exists(arena(1)));
    }

    @Test
    void aNewArenaWhoseHeaderIsTornIsStartedAgain() throws IOException {
        writeSealedArena();
        Files.write(arena(1), new byte[] {0x56, 0x41, 0x52});
        assertEverythingReadsAndWritesGoOn();
        assertEquals(1, ArenaHeader.decode(Files.readAllBytes(arena(1))).number());
    }

    /** Fills the open arena 0 through a store, closes it, and returns the blocks in write order. */
    private List<byte[]> fillOpenArena() throws IOException {
        try (LocalVenti v = LocalVenti.open(dir, LocalVentiTest.SMALL)) {
            return LocalVentiTest.putRandom(v, new Random(10), 20, () -> 5000);
        }
    }

    private static long clumpOffset(int i) {
        return ArenaHeader.SIZE + (long) i * (ClumpHeader.SIZE + 5000);
    }

    private void assertOnlyTheDamagedBlockIsLost(List<byte[]> written, int damaged) throws IOException {
        long size = Files.size(arena(0));
        LocalVentiTest.deleteRecursively(dir.resolve("index"));
        try (LocalVenti v = LocalVenti.open(dir, LocalVentiTest.SMALL)) {
            assertEquals(1, v.damagedStretchesSkippedOnOpen());
            assertEquals(0, v.droppedTailBytes());
            assertEquals(size, Files.size(arena(0)), "nothing was cut");
            for (int i = 0; i < written.size(); i++) {
                Score s = Score.of(written.get(i));
                if (i == damaged) {
                    assertThrows(IOException.class, () -> v.get(s, BlockType.DATA));
                } else {
                    assertArrayEquals(written.get(i), v.get(s, BlockType.DATA), "block " + i);
                }
            }
        }
        List<String> problems = StoreChecker.check(dir, true).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(arena(0) + " ") && problems.get(0).contains("offset " + clumpOffset(damaged)), problems.get(0));
    }

    @Test
    void aFlippedDataByteMidArenaCostsOnlyItsBlockWhenTheIndexIsRebuilt() throws IOException {
        List<byte[]> written = fillOpenArena();
        LocalVentiTest.flipByte(arena(0), clumpOffset(7) + ClumpHeader.SIZE + 99);
        assertOnlyTheDamagedBlockIsLost(written, 7);
    }

    @Test
    void aDamagedClumpHeaderMidArenaCostsOnlyItsBlockWhenTheIndexIsRebuilt() throws IOException {
        List<byte[]> written = fillOpenArena();
        LocalVentiTest.flipByte(arena(0), clumpOffset(12) + 6);
        assertOnlyTheDamagedBlockIsLost(written, 12);
    }

    @Test
    void anUnsealedArenaBeforeTheLastIsAnErrorNamingIt() throws IOException {
        writeSealedArena();
        long size = Files.size(arena(0));
        try (FileChannel ch = FileChannel.open(arena(0), StandardOpenOption.WRITE)) {
            ch.truncate(size - ArenaTrailer.SIZE);
        }
        try (ArenaAppender a = ArenaAppender.create(arena(1), new ArenaHeader(1, CAPACITY))) {
            a.force();
        }
        IOException e = assertThrows(IOException.class, () -> LocalVenti.open(dir, LocalVentiTest.SMALL));
        assertTrue(e.getMessage().contains(arena(0) + " is not sealed"), e.getMessage());
        assertEquals(size - ArenaTrailer.SIZE, Files.size(arena(0)), "nothing was cut");
    }

    @Test
    void aMissingArenaIsAnErrorNamingIt() throws IOException {
        writeSealedArena();
        try (ArenaAppender a = ArenaAppender.create(arena(2), new ArenaHeader(2, CAPACITY))) {
            a.force();
        }
        IOException e = assertThrows(IOException.class, () -> LocalVenti.open(dir, LocalVentiTest.SMALL));
        assertTrue(e.getMessage().contains(arena(1) + " is missing"), e.getMessage());
    }
}

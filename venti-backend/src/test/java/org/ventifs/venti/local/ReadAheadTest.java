package org.ventifs.venti.local;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.CorruptBlockException;
import org.ventifs.venti.Score;

/** Sequential reads read ahead and verify in parallel, and still never return bad bytes. */
class ReadAheadTest {
    private static final int BLOCK = 4000;

    @TempDir
    Path dir;

    private final List<byte[]> blocks = new ArrayList<>();

    /** Writes 40 incompressible blocks (one clump each, in order) into one arena. */
    private void fill() throws IOException {
        Random rnd = new Random(9);
        try (LocalVenti v = LocalVenti.open(dir)) {
            blocks.addAll(LocalVentiTest.putRandom(v, rnd, 40, () -> BLOCK));
        }
    }

    private static long dataOffset(int block) {
        return ArenaHeader.SIZE + (long) block * (ClumpHeader.SIZE + BLOCK) + ClumpHeader.SIZE + 100;
    }

    private Path arena() {
        return dir.resolve("arenas/arena-00000000");
    }

    @Test
    void aDamagedBlockInsideTheWindowIsStillAnError() throws IOException {
        fill();
        LocalVentiTest.flipByte(arena(), dataOffset(10));
        try (LocalVenti v = LocalVenti.open(dir, LocalVentiConfig.DEFAULT.withCacheBytes(0))) {
            for (int i = 0; i < blocks.size(); i++) {
                Score s = Score.of(blocks.get(i));
                if (i == 10) {
                    CorruptBlockException e = assertThrows(CorruptBlockException.class, () -> v.get(s, BlockType.DATA));
                    assertTrue(e.getMessage().contains(arena().toString()), e.getMessage());
                } else {
                    assertArrayEquals(blocks.get(i), v.get(s, BlockType.DATA), "block " + i);
                }
            }
        }
    }

    @Test
    void blocksAfterTwoSequentialMissesComeFromTheWindowVerifiedWhenRead() throws IOException {
        fill();
        try (LocalVenti v = LocalVenti.open(dir, LocalVentiConfig.DEFAULT.withCacheBytes(0))) {
            v.get(Score.of(blocks.get(0)), BlockType.DATA);
            v.get(Score.of(blocks.get(1)), BlockType.DATA);
            // Damage a later block on disk: it was read ahead and verified before the damage.
            LocalVentiTest.flipByte(arena(), dataOffset(20));
            assertArrayEquals(blocks.get(20), v.get(Score.of(blocks.get(20)), BlockType.DATA));
            // Taken once, it is gone from the window: the next read goes to the disk and fails.
            assertThrows(CorruptBlockException.class, () -> v.get(Score.of(blocks.get(20)), BlockType.DATA));
        }
    }

    @Test
    void twoThreadsTakingTurnsInOneSequenceReadAhead() throws Exception {
        fill();
        ExecutorService first = Executors.newSingleThreadExecutor();
        ExecutorService second = Executors.newSingleThreadExecutor();
        try (LocalVenti v = LocalVenti.open(dir, LocalVentiConfig.DEFAULT.withCacheBytes(0))) {
            first.submit(() -> v.get(Score.of(blocks.get(0)), BlockType.DATA)).get();
            second.submit(() -> v.get(Score.of(blocks.get(1)), BlockType.DATA)).get();
            LocalVentiTest.flipByte(arena(), dataOffset(20));
            assertArrayEquals(blocks.get(20), first.submit(() -> v.get(Score.of(blocks.get(20)), BlockType.DATA)).get());
        } finally {
            first.shutdownNow();
            second.shutdownNow();
        }
    }

    @Test
    void aMissFarFromTheLastReadsDoesNotReadAhead() throws IOException {
        fill();
        try (LocalVenti v = LocalVenti.open(dir, LocalVentiConfig.DEFAULT.withCacheBytes(0).withReadAheadBytes(3 * BLOCK))) {
            v.get(Score.of(blocks.get(0)), BlockType.DATA);
            v.get(Score.of(blocks.get(10)), BlockType.DATA);
            LocalVentiTest.flipByte(arena(), dataOffset(11));
            assertThrows(CorruptBlockException.class, () -> v.get(Score.of(blocks.get(11)), BlockType.DATA));
        }
    }

    @Test
    void withoutReadAheadEveryReadGoesToTheDisk() throws IOException {
        fill();
        try (LocalVenti v = LocalVenti.open(dir, LocalVentiConfig.DEFAULT.withCacheBytes(0).withReadAheadBytes(0))) {
            v.get(Score.of(blocks.get(0)), BlockType.DATA);
            v.get(Score.of(blocks.get(1)), BlockType.DATA);
            LocalVentiTest.flipByte(arena(), dataOffset(20));
            assertThrows(CorruptBlockException.class, () -> v.get(Score.of(blocks.get(20)), BlockType.DATA));
        }
    }
}

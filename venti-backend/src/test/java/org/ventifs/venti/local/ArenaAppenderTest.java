package org.ventifs.venti.local;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.Score;

class ArenaAppenderTest {
    @TempDir
    Path dir;

    private static ClumpCodec.Encoded clump(Random rnd) {
        byte[] b = LocalVentiTest.random(rnd, 1000 + rnd.nextInt(3000));
        return ClumpCodec.encode(13, Score.of(b), b, 0, b.length);
    }

    @Test
    void aSealRecordsTheClumpsAndTheChecksumOfEverythingBeforeIt() throws IOException {
        Path path = dir.resolve("arena-00000000");
        Random rnd = new Random(1);
        try (ArenaAppender a = ArenaAppender.create(path, new ArenaHeader(0, 1 << 20))) {
            long expectedEnd = ArenaHeader.SIZE;
            for (int i = 0; i < 3; i++) {
                ClumpCodec.Encoded c = clump(rnd);
                ClumpAddress at = a.append(c);
                assertEquals(expectedEnd, at.offset());
                expectedEnd += c.header().clumpLength();
            }
            ArenaTrailer t = a.seal();
            assertEquals(3, t.clumpCount());
            assertEquals(expectedEnd, t.dataEnd());
            assertEquals(ArenaChecksum.of(path, expectedEnd), t.arenaChecksum());
            assertSame(t, a.seal(), "sealing twice writes one trailer");
            assertFalse(a.fits(ClumpHeader.SIZE + 1), "a sealed arena takes no more clumps");
            assertEquals(expectedEnd + ArenaTrailer.SIZE, Files.size(path));
        }
        ArenaScanner.ScanEnd end = ArenaScanner.scan(path, ArenaHeader.SIZE, true, 0, (k, a, h, s) -> { });
        assertEquals(ArenaScanner.Ending.SEALED, end.ending());
        assertEquals(3, end.clumps());
    }

    @Test
    void aReopenedArenaCutsItsTailAndSealsWithCountsItRecomputes() throws IOException {
        Path path = dir.resolve("arena-00000004");
        Random rnd = new Random(2);
        ArenaHeader header = new ArenaHeader(4, 1 << 20);
        long tail;
        try (ArenaAppender a = ArenaAppender.create(path, header)) {
            a.append(clump(rnd));
            a.append(clump(rnd));
            a.force();
            tail = a.tail();
        }
        Files.write(path, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        try (ArenaAppender a = ArenaAppender.reopen(path, header, tail)) {
            assertEquals(tail, Files.size(path), "the bytes after the tail are gone");
            a.append(clump(rnd));
            ArenaTrailer t = a.seal();
            assertEquals(3, t.clumpCount());
            assertEquals(ArenaChecksum.of(path, t.dataEnd()), t.arenaChecksum());
        }
    }

    @Test
    void clumpsAreReadableOnceFlushedAndTheArenaNeverOutgrowsItsCapacity() throws IOException {
        Path path = dir.resolve("arena-00000000");
        Random rnd = new Random(3);
        try (ArenaAppender a = ArenaAppender.create(path, new ArenaHeader(0, 64 << 10));
                Arena reader = Arena.open(path, 0)) {
            int appended = 0;
            while (true) {
                ClumpCodec.Encoded c = clump(rnd);
                if (!a.fits(c.header().clumpLength())) {
                    break;
                }
                ClumpAddress at = a.append(c);
                appended++;
                assertTrue(a.flushedEnd() < at.end(), "still in the write buffer");
                a.flush();
                BlockKey key = new BlockKey(c.header().score(), 13);
                assertEquals(c.header().score(), Score.of(reader.readBlock(key, at, true)));
            }
            a.seal();
            assertTrue(appended > 10);
            assertTrue(Files.size(path) <= 64 << 10, "size " + Files.size(path));
        }
    }
}

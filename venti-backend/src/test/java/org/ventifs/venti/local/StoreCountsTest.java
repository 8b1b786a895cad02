package org.ventifs.venti.local;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.BlockType;

/** {@link StoreCounts}: its layout, and what writes, duplicates, reopening and rebuilding the index do to it. */
class StoreCountsTest {
    private static final int N = 8192;

    @TempDir
    Path dir;

    @Test
    void goldenBytesAndRoundTrip() throws FormatException {
        StoreCounts c = new StoreCounts(1, 0x2000, 3, 0x400000000L, 5);
        byte[] expected = HexFormat.of().parseHex("0000000000000001" + "0000000000002000" + "0000000000000003"
                + "0000000400000000" + "0000000000000005");
        ByteBuffer b = ByteBuffer.allocate(StoreCounts.SIZE);
        c.encode(b);
        assertArrayEquals(expected, b.array());
        assertEquals(c, StoreCounts.decode(ByteBuffer.wrap(expected)));
        Random rnd = new Random(3);
        for (int i = 0; i < 100; i++) {
            StoreCounts r = new StoreCounts(rnd.nextLong() >>> 1, rnd.nextLong() >>> 1, rnd.nextInt(1 << 30),
                    rnd.nextLong() >>> 1, rnd.nextLong() >>> 1);
            ByteBuffer rb = ByteBuffer.allocate(StoreCounts.SIZE);
            r.encode(rb);
            assertEquals(r, StoreCounts.decode(rb.flip()));
        }
        assertThrows(FormatException.class, () -> StoreCounts.decode(ByteBuffer.allocate(39)));
        assertThrows(FormatException.class, () -> StoreCounts.decode(ByteBuffer.wrap(
                HexFormat.of().parseHex("ff".repeat(8) + "00".repeat(32)))));
    }

    @Test
    void duplicatesCountAsWrittenNotStoredAndSurviveAReopen() throws IOException {
        Random rnd = new Random(1);
        StoreCounts expected;
        try (LocalVenti v = LocalVenti.open(dir)) {
            assertEquals(StoreCounts.ZERO, v.counts().orElseThrow());
            List<byte[]> blocks = LocalVentiTest.putRandom(v, rnd, 3, () -> N);
            for (int round = 0; round < 2; round++) {
                for (byte[] b : blocks) {
                    v.put(BlockType.DATA, b, 0, b.length);
                }
            }
            v.put(BlockType.DATA, new byte[0], 0, 0); // the empty block is never stored or counted
            expected = new StoreCounts(9, 9L * N, 3, 3L * N, 3L * (ClumpHeader.SIZE + N));
            assertEquals(expected, v.counts().orElseThrow(), "incompressible blocks are stored raw");
            assertEquals(3.0, expected.dedupRatio(), 1e-9);

            byte[] compressible = new byte[N];
            compressible[N - 1] = 1;
            v.put(BlockType.DATA, compressible, 0, N);
            StoreCounts withIt = v.counts().orElseThrow();
            assertEquals(4, withIt.blocks());
            assertTrue(withIt.clumpBytes() - expected.clumpBytes() < N / 10, "the zeros compress: " + withIt);
            assertTrue(withIt.compressionRatio() > 1, withIt.toString());
            expected = withIt;
            assertTrue(v.bytesOnDisk() > expected.clumpBytes(), "arena and index files hold the clumps");
        }
        try (LocalVenti v = LocalVenti.open(dir)) {
            assertEquals(expected, v.counts().orElseThrow(), "committed with the index");
        }
        IndexRebuilder.rebuild(dir);
        try (LocalVenti v = LocalVenti.open(dir)) {
            StoreCounts rebuilt = v.counts().orElseThrow();
            assertEquals(new StoreCounts(4, expected.rawBytes(), 4, expected.rawBytes(), expected.clumpBytes()), rebuilt,
                    "a rebuilt index counts each stored block as written once");
        }
    }

    @Test
    void aCrashLosesOnlyTheUnsyncedDuplicates() throws IOException {
        Random rnd = new Random(2);
        Path crashed = dir.resolve("crashed");
        try (LocalVenti v = LocalVenti.open(dir.resolve("store"))) {
            List<byte[]> synced = LocalVentiTest.putRandom(v, rnd, 2, () -> N);
            v.sync();
            byte[] fresh = LocalVentiTest.random(rnd, N);
            v.put(BlockType.DATA, fresh, 0, N);
            v.put(BlockType.DATA, synced.get(0), 0, N);
            v.get(org.ventifs.venti.Score.of(fresh, 0, N), BlockType.DATA); // flushes the arena, indexes nothing
            assertEquals(new StoreCounts(4, 4L * N, 3, 3L * N, 3L * (ClumpHeader.SIZE + N)), v.counts().orElseThrow());
            // The folder as a crash would leave it: the new clump in the arena, the index as of the sync.
            copyTree(dir.resolve("store"), crashed);
        }
        try (LocalVenti v = LocalVenti.open(crashed)) {
            assertEquals(new StoreCounts(3, 3L * N, 3, 3L * N, 3L * (ClumpHeader.SIZE + N)), v.counts().orElseThrow(),
                    "the clump found past the high-water mark is counted; the unsynced duplicate is lost");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("lock")) {
                    java.nio.file.Files.copy(p, target);
                }
            }
        }
    }
}

package org.ventifs.venti.local;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.BlockTooLargeException;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.CorruptBlockException;
import org.ventifs.venti.NoSuchBlockException;
import org.ventifs.venti.Score;
import org.ventifs.venti.ScoreCollisionException;

class LocalVentiTest {
    /** Small arenas, so that tests cross arena boundaries. */
    static final LocalVentiConfig SMALL = LocalVentiConfig.DEFAULT.withArenaCapacity(256 << 10);

    @TempDir
    Path dir;

    static byte[] random(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        if (n > 0 && b[n - 1] == 0) {
            b[n - 1] = 1;
        }
        return b;
    }

    /** Puts {@code count} random data blocks of {@code sizes} bytes and returns them in write order. */
    static List<byte[]> putRandom(LocalVenti v, Random rnd, int count, java.util.function.IntSupplier sizes)
            throws IOException {
        List<byte[]> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] b = random(rnd, sizes.getAsInt());
            v.put(BlockType.DATA, b, 0, b.length);
            blocks.add(b);
        }
        return blocks;
    }

    @Test
    void everyTypeAndSizeEdgeRoundTripsAndSurvivesReopen() throws IOException {
        Random rnd = new Random(1);
        List<byte[]> blocks = new ArrayList<>();
        List<Score> scores = new ArrayList<>();
        List<BlockType> types = new ArrayList<>();
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            for (BlockType t : BlockType.values()) {
                for (int size : new int[] {0, 1, 8192, BlockStore.MAX_BLOCK_SIZE}) {
                    byte[] b = random(rnd, size);
                    Score s = v.put(t, b, 0, b.length);
                    assertEquals(Score.of(b), s);
                    assertArrayEquals(b, v.get(s, t), t + " of " + size + " bytes");
                    blocks.add(b);
                    scores.add(s);
                    types.add(t);
                }
                byte[] tooBig = random(rnd, BlockStore.MAX_BLOCK_SIZE + 1);
                assertThrows(BlockTooLargeException.class, () -> v.put(t, tooBig, 0, tooBig.length));
                assertThrows(BlockTooLargeException.class, () -> v.write(t, tooBig));
            }
            assertEquals(Score.ZERO, scores.get(0));
        }
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            for (int i = 0; i < blocks.size(); i++) {
                assertArrayEquals(blocks.get(i), v.get(scores.get(i), types.get(i)));
            }
        }
    }

    @Test
    void putStoresASliceOfTheArray() throws IOException {
        byte[] buf = random(new Random(2), 100);
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            Score s = v.put(BlockType.DATA, buf, 10, 50);
            assertEquals(Score.of(buf, 10, 50), s);
            assertArrayEquals(java.util.Arrays.copyOfRange(buf, 10, 60), v.get(s, BlockType.DATA));
        }
    }

    @Test
    void writeTruncatesZerosAndReadPadsThemBack() throws IOException {
        byte[] block = new byte[8192];
        block[0] = 7;
        block[100] = 9;
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            Score s = v.write(BlockType.DATA, block);
            assertEquals(Score.of(block, 0, 101), s);
            assertEquals(101, v.get(s, BlockType.DATA).length);
            assertArrayEquals(block, v.read(s, BlockType.DATA, 8192));
            assertEquals(Score.ZERO, v.write(BlockType.DATA, new byte[8192]));
            byte[] pointers = new byte[8192];
            Score.of(block).copyTo(pointers, 0);
            for (int at = 20; at + 20 <= 8180; at += 20) {
                Score.ZERO.copyTo(pointers, at);
            }
            Score p = v.write(BlockType.DATA_POINTER_1, pointers);
            assertEquals(20, v.get(p, BlockType.DATA_POINTER_1).length);
            assertArrayEquals(pointers, v.read(p, BlockType.DATA_POINTER_1, 8192));
        }
    }

    @Test
    void changingAReturnedBlockChangesNothingStored() throws IOException {
        Random rnd = new Random(12);
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            List<byte[]> blocks = putRandom(v, rnd, 30, () -> 3000);
            v.sync();
            // Twice in write order (read-ahead, then the cache) and once at random.
            for (int pass = 0; pass < 3; pass++) {
                for (int i = 0; i < blocks.size(); i++) {
                    byte[] b = blocks.get(pass == 2 ? (i * 7) % blocks.size() : i);
                    byte[] got = v.get(Score.of(b), BlockType.DATA);
                    assertArrayEquals(b, got);
                    java.util.Arrays.fill(got, (byte) 0x5a);
                }
            }
        }
    }

    @Test
    void zeroScoreReadsWithoutTheStore() throws IOException {
        LocalVenti v = LocalVenti.open(dir, SMALL);
        v.close();
        assertArrayEquals(new byte[0], v.get(Score.ZERO, BlockType.ROOT));
        assertArrayEquals(new byte[300], v.read(Score.ZERO, BlockType.ROOT, 300));
        assertThrows(IOException.class, () -> v.get(Score.of(new byte[] {1}), BlockType.DATA));
    }

    @Test
    void blocksAreKeyedByWireType() throws IOException {
        byte[] b = random(new Random(3), 1000);
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            Score s = v.put(BlockType.DATA, b, 0, b.length);
            NoSuchBlockException e = assertThrows(NoSuchBlockException.class, () -> v.get(s, BlockType.DIR));
            assertTrue(e.getMessage().contains(s.toString()), e.getMessage());
            v.put(BlockType.DATA_POINTER_2, b, 0, b.length);
            // Data and dir pointers of one level share a wire number, and so their storage.
            assertArrayEquals(b, v.get(s, BlockType.DIR_POINTER_2));
            assertThrows(NoSuchBlockException.class, () -> v.get(s, BlockType.DATA_POINTER_3));
        }
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            assertThrows(NoSuchBlockException.class, () -> v.get(Score.of(b), BlockType.ROOT));
            assertArrayEquals(b, v.get(Score.of(b), BlockType.DATA));
        }
    }

    @Test
    void rewritingABlockStoresNothing() throws IOException {
        byte[] b = random(new Random(4), 5000);
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            v.put(BlockType.DATA, b, 0, b.length);
            v.sync();
        }
        long size = arenaBytes();
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            for (int i = 0; i < 3; i++) {
                v.put(BlockType.DATA, b, 0, b.length);
            }
        }
        assertEquals(size, arenaBytes());
    }

    @Test
    void aDuplicateStillInTheWriteBufferIsComparedThereWithoutFlushing() throws IOException {
        byte[] b = random(new Random(14), 6000);
        try (LocalVenti v = LocalVenti.open(dir, SMALL.withCacheBytes(0))) {
            long empty = arenaBytes();
            v.put(BlockType.DATA, b, 0, b.length);
            assertEquals(Score.of(b), v.put(BlockType.DATA, b, 0, b.length));
            assertEquals(empty, arenaBytes(), "confirming the duplicate flushed the write buffer");
            assertArrayEquals(b, v.get(Score.of(b), BlockType.DATA));
        }
    }

    /** Two different 320-byte messages with one SHA-1: the published identical-prefix collision. */
    static final byte[][] SHA1_COLLISION = collision();

    private static byte[][] collision() {
        String prefix = "255044462d312e330a25e2e3cfd30a0a0a312030206f626a0a3c3c2f57696474682032203020522f48656967"
                + "68742033203020522f547970652034203020522f537562747970652035203020522f46696c74657220362030"
                + "20522f436f6c6f7253706163652037203020522f4c656e6774682038203020522f4269747350657243"
                + "6f6d706f6e656e7420383e3e0a73747265616d0affd8fffe00245348412d3120697320646561642121212121"
                + "852fec092339759c39b1a1c63c4c97e1fffe01";
        String first = "7f46dc93a6b67e013b029aaa1db2560b45ca67d688c7f84b8c4c791fe02b3df614f86db1690901c56b45c153"
                + "0afedfb76038e972722fe7ad728f0e4904e046c230570fe9d41398abe12ef5bc942be33542a4802d98b5d70f2a"
                + "332ec37fac3514e74ddc0f2cc1a874cd0c78305a21566461309789606bd0bf3f98cda8044629a1";
        String second = "7346dc9166b67e118f029ab621b2560ff9ca67cca8c7f85ba84c79030c2b3de218f86db3a90901d5df45c14f"
                + "26fedfb3dc38e96ac22fe7bd728f0e45bce046d23c570feb141398bb552ef5a0a82be331fea48037b8b5d71f0e"
                + "332edf93ac3500eb4ddc0decc1a864790c782c76215660dd309791d06bd0af3f98cda4bc4629b1";
        HexFormat hex = HexFormat.of();
        return new byte[][] {hex.parseHex(prefix + first), hex.parseHex(prefix + second)};
    }

    @Test
    void aCollidingWriteFailsAndLeavesTheStoredBlock() throws IOException {
        byte[] a = SHA1_COLLISION[0];
        byte[] b = SHA1_COLLISION[1];
        assertFalse(java.util.Arrays.equals(a, b));
        assertEquals(Score.of(a), Score.of(b));
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            v.put(BlockType.DATA, a, 0, a.length);
            ScoreCollisionException e = assertThrows(ScoreCollisionException.class,
                    () -> v.put(BlockType.DATA, b, 0, b.length));
            assertTrue(e.getMessage().contains("score collision"), e.getMessage());
            // The same bytes under another type are another block, and no collision.
            v.put(BlockType.DIR, b, 0, b.length);
            assertArrayEquals(a, v.get(Score.of(a), BlockType.DATA));
        }
        try (LocalVenti v = LocalVenti.open(dir, SMALL.withCacheBytes(0))) {
            assertThrows(ScoreCollisionException.class, () -> v.put(BlockType.DATA, b, 0, b.length));
            assertArrayEquals(a, v.get(Score.of(a), BlockType.DATA));
            assertArrayEquals(b, v.get(Score.of(a), BlockType.DIR));
        }
    }

    @Test
    void aFlippedByteIsAnErrorNamingTheScoreAndFile() throws IOException {
        byte[] b = random(new Random(5), 3000);
        Score s;
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            s = v.put(BlockType.DATA, b, 0, b.length);
        }
        Path arena = dir.resolve("arenas/arena-00000000");
        long at = ArenaHeader.SIZE + ClumpHeader.SIZE + 1234;
        flipByte(arena, at);
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            CorruptBlockException e = assertThrows(CorruptBlockException.class, () -> v.get(s, BlockType.DATA));
            assertTrue(e.getMessage().contains(s.toString()), e.getMessage());
            assertTrue(e.getMessage().contains(arena.toString()), e.getMessage());
            // A rewrite of the block compares with the stored bytes, and so fails too.
            assertThrows(CorruptBlockException.class, () -> v.put(BlockType.DATA, b, 0, b.length));
        }
    }

    static void flipByte(Path file, long at) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, at);
            one.put(0, (byte) (one.get(0) ^ 0x40)).rewind();
            ch.write(one, at);
        }
    }

    @Test
    void aTornTailIsDroppedAndEverythingSyncedBeforeItReads() throws IOException {
        Random rnd = new Random(6);
        List<byte[]> blocks;
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            blocks = putRandom(v, rnd, 10, () -> 4000);
        }
        Path arena = dir.resolve("arenas/arena-00000000");
        long synced = Files.size(arena);
        // Half a clump, as a process killed inside write() leaves it.
        byte[] extra = random(rnd, 4000);
        ClumpCodec.Encoded clump = ClumpCodec.encode(13, Score.of(extra), extra, 0, extra.length);
        ByteBuffer half = ByteBuffer.allocate(ClumpHeader.SIZE + 1000);
        clump.header().encode(half);
        half.put(extra, 0, 1000).flip();
        try (FileChannel ch = FileChannel.open(arena, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(half);
        }
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            assertEquals(ClumpHeader.SIZE + 1000, v.droppedTailBytes());
            assertEquals(synced, Files.size(arena));
            for (byte[] b : blocks) {
                assertArrayEquals(b, v.get(Score.of(b), BlockType.DATA));
            }
            assertThrows(NoSuchBlockException.class, () -> v.get(Score.of(extra), BlockType.DATA));
            v.put(BlockType.DATA, extra, 0, extra.length);
        }
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            assertEquals(0, v.droppedTailBytes());
            assertArrayEquals(extra, v.get(Score.of(extra), BlockType.DATA));
        }
    }

    @Test
    void deletingTheIndexLosesNothing() throws IOException {
        Random rnd = new Random(7);
        List<byte[]> blocks;
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            blocks = putRandom(v, rnd, 60, () -> 1 + rnd.nextInt(BlockStore.MAX_BLOCK_SIZE));
        }
        assertTrue(Files.exists(dir.resolve("arenas/arena-00000003")), "the test spans several arenas");
        deleteRecursively(dir.resolve("index"));
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            assertEquals(60, v.clumpsReindexedOnOpen());
            for (byte[] b : blocks) {
                assertArrayEquals(b, v.get(Score.of(b), BlockType.DATA));
            }
        }
    }

    @Test
    void aFolderHoldingOtherFilesIsNotMadeAStore() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        IOException e = assertThrows(IOException.class, () -> LocalVenti.open(dir, SMALL));
        assertTrue(e.getMessage().contains("holds other files"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("arenas")));
        try (LocalVenti v = LocalVenti.open(dir.resolve("absent/store"), SMALL)) {
            assertEquals(dir.resolve("absent/store"), v.dir());
        }
    }

    @Test
    void aSecondOpenOfTheSameStoreIsRefused() throws IOException {
        try (LocalVenti v = LocalVenti.open(dir, SMALL)) {
            IOException e = assertThrows(IOException.class, () -> LocalVenti.open(dir, SMALL));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }

    long arenaBytes() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("arenas"))) {
            long total = 0;
            for (Path p : files.toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}

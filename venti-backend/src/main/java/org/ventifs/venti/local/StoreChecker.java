package org.ventifs.venti.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Verifies a store without changing it: each arena's header, clump structure and seal
 * (trailer and whole-arena checksum), the index against the arenas both ways, and
 * optionally every block's score. Takes the store's lock, so the store must not be open.
 */
public final class StoreChecker {
    private final Path dir;
    private final boolean readData;
    private final LongConsumer progress;
    private final ArenaDirectory arenas;
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** Per arena number: the offset where its clumps end (the trailer's offset when sealed). */
    private final Map<Integer, Long> dataEnds = new HashMap<>();
    private long clumps;
    private long unindexedClumps;
    private long indexEntries;

    private StoreChecker(Path dir, boolean readData, LongConsumer progress) {
        this.dir = dir;
        this.readData = readData;
        this.progress = progress;
        this.arenas = new ArenaDirectory(dir.resolve("arenas"));
    }

    /**
     * What a check found: {@code problems}, one sentence each (empty when the store is
     * sound), and {@code notes} on states the next open repairs by itself (a torn tail,
     * clumps not yet indexed).
     */
    public record Report(List<String> problems, List<String> notes, int arenas, long clumps, long indexEntries) {
    }

    /**
     * Checks the store in {@code dir}.
     *
     * @param readData also decode every block and verify it against its score
     * @throws IOException when {@code dir} holds no store, or the store is in use
     */
    public static Report check(Path dir, boolean readData) throws IOException {
        return check(dir, readData, clumpBytes -> { });
    }

    /** As {@link #check(Path, boolean)}, telling {@code progress} the length of each clump as the scan passes it. */
    public static Report check(Path dir, boolean readData, LongConsumer progress) throws IOException {
        if (!Files.isDirectory(dir.resolve("arenas"))) {
            throw new IOException("no store in " + dir + " (it has no arenas folder)");
        }
        StoreChecker checker = new StoreChecker(dir, readData, progress);
        try (StoreLock lock = StoreLock.acquire(dir)) {
            return checker.run();
        }
    }

    private Report run() throws IOException {
        List<Integer> numbers;
        try {
            numbers = arenas.numbers();
        } catch (IOException e) {
            problems.add(e.getMessage());
            return report(0);
        }
        Path indexDir = dir.resolve("index");
        if (!Files.exists(indexDir.resolve("data.mdb"))) {
            problems.add("the index " + indexDir + " is missing; run ventifs venti rebuild-index --store " + dir);
            for (int n : numbers) {
                checkArena(n, n == numbers.size() - 1, null, null);
            }
            return report(numbers.size());
        }
        try (Index index = Index.open(indexDir)) {
            HighWaterMark mark = index.highWater();
            for (int n : numbers) {
                checkArena(n, n == numbers.size() - 1, index, mark);
            }
            checkMarkWithinArenas(mark, numbers.size());
            checkIndexEntries(index);
        }
        if (unindexedClumps > 0) {
            notes.add(unindexedClumps + " clumps past the index's high-water mark will be indexed when the store "
                    + "next opens");
        }
        return report(numbers.size());
    }

    private Report report(int arenaCount) {
        return new Report(List.copyOf(problems), List.copyOf(notes), arenaCount, clumps, indexEntries);
    }

    private void checkArena(int n, boolean isLast, Index index, HighWaterMark mark) throws IOException {
        Path path = arenas.path(n);
        ArenaHeader header;
        long size;
        try (Arena arena = Arena.open(path, n)) {
            header = arena.header();
            size = arena.size();
        } catch (FormatException e) {
            problems.add(e.getMessage());
            return;
        }
        if (size > header.capacity()) {
            problems.add("arena file " + path + " holds " + size + " bytes, more than its capacity "
                    + header.capacity());
        }
        ArenaScanner.ScanEnd end = ArenaScanner.scan(path, ArenaHeader.SIZE, false, n, new ArenaScanner.ClumpVisitor() {
            @Override
            public void visit(BlockKey key, ClumpAddress address, ClumpHeader h, byte[] stored) throws IOException {
                clumps++;
                progress.accept(address.length());
                if (readData) {
                    String problem = ArenaScanner.verifyBlock(h, stored);
                    if (problem != null) {
                        // One line for the block: whether indexed or not, its bytes are what is wrong.
                        problems.add("arena file " + path + " at offset " + address.offset() + ": " + problem);
                        return;
                    }
                }
                if (index != null) {
                    checkIndexed(index, mark, key, address, path);
                }
            }

            @Override
            public void damaged(long offset, long resumeAt, String problem) {
                problems.add("arena file " + path + " is damaged from offset " + offset + " to " + resumeAt + ": "
                        + problem);
            }
        });
        dataEnds.put(n, end.offset());
        switch (end.ending()) {
            case SEALED:
                checkSeal(path, end);
                break;
            case END_OF_FILE:
                if (!isLast) {
                    problems.add("arena file " + path + " is not sealed, yet later arenas exist");
                }
                break;
            default:
                boolean pastMark = mark != null && new HighWaterMark(n, end.offset()).compareTo(mark) >= 0;
                if (isLast && pastMark) {
                    notes.add("arena file " + path + " ends in a torn clump of " + (size - end.offset())
                            + " bytes at offset " + end.offset() + ", which the next open drops");
                } else {
                    problems.add("arena file " + path + " is damaged at offset " + end.offset() + ": " + end.problem());
                }
        }
    }

    private void checkSeal(Path path, ArenaScanner.ScanEnd end) throws IOException {
        ArenaTrailer trailer = end.trailer();
        if (trailer.clumpCount() != end.clumps()) {
            problems.add("arena file " + path + " is sealed with " + trailer.clumpCount() + " clumps but holds "
                    + end.clumps());
        }
        int crc = ArenaChecksum.of(path, trailer.dataEnd());
        if (crc != trailer.arenaChecksum()) {
            problems.add("arena file " + path + " changed after it was sealed: its checksum is "
                    + Integer.toHexString(crc) + ", the seal says " + Integer.toHexString(trailer.arenaChecksum()));
        }
    }

    /** A clump below the high-water mark must be in the index. */
    private void checkIndexed(Index index, HighWaterMark mark, BlockKey key, ClumpAddress address, Path path)
            throws IOException {
        if (new HighWaterMark(address.arena(), address.end()).compareTo(mark) > 0) {
            unindexedClumps++;
            return;
        }
        if (index.lookup(key).isEmpty()) {
            problems.add("block " + key + " in arena file " + path + " at offset " + address.offset()
                    + " is missing from the index; run ventifs venti rebuild-index --store " + dir);
        }
    }

    /** The high-water mark must not claim more than the arenas hold. */
    private void checkMarkWithinArenas(HighWaterMark mark, int arenaCount) {
        Long end = dataEnds.get(mark.arena());
        boolean sealedEnd = end != null && mark.offset() == end + ArenaTrailer.SIZE;
        if (mark.arena() >= arenaCount || (end != null && mark.offset() > end && !sealedEnd)) {
            problems.add("the index's high-water mark (arena " + mark.arena() + ", offset " + mark.offset()
                    + ") lies beyond the arenas; run ventifs venti rebuild-index --store " + dir);
        }
    }

    /** Every index entry must point at a clump holding its block. */
    private void checkIndexEntries(Index index) throws IOException {
        Map<Integer, FileChannel> channels = new HashMap<>();
        try {
            index.forEach((key, address) -> {
                indexEntries++;
                String problem = clumpAt(channels, key, address);
                if (problem != null) {
                    problems.add("index entry " + key + " points to arena " + address.arena() + " offset "
                            + address.offset() + ", " + problem + "; run ventifs venti rebuild-index --store " + dir);
                }
            });
        } finally {
            for (FileChannel ch : channels.values()) {
                ch.close();
            }
        }
    }

    private String clumpAt(Map<Integer, FileChannel> channels, BlockKey key, ClumpAddress address) throws IOException {
        Long end = dataEnds.get(address.arena());
        if (end == null) {
            return "an arena that does not exist or is unreadable";
        }
        if (address.end() > end) {
            return "past the end of that arena's clumps";
        }
        FileChannel ch = channels.get(address.arena());
        if (ch == null) {
            ch = FileChannel.open(arenas.path(address.arena()), StandardOpenOption.READ);
            channels.put(address.arena(), ch);
        }
        try {
            ClumpHeader h = ClumpHeader.decode(Arena.readFully(ch, address.offset(), ClumpHeader.SIZE), 0);
            if (!h.score().equals(key.score()) || h.wireType() != key.wireType()) {
                return "which holds block " + h.score() + "/" + h.wireType();
            }
            if (h.clumpLength() != address.length()) {
                return "whose clump is " + h.clumpLength() + " bytes, not " + address.length();
            }
            return null;
        } catch (FormatException e) {
            return "where there is no clump (" + e.getMessage() + ")";
        }
    }
}

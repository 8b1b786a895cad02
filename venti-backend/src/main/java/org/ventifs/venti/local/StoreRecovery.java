package org.ventifs.venti.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What happens when a store opens: the clumps past the index's high-water mark are
 * verified and indexed again, a torn clump at the last arena's tail is cut off, and
 * the arena to append to is chosen (a new one when the last is sealed).
 */
final class StoreRecovery {
    private static final System.Logger LOG = System.getLogger(StoreRecovery.class.getName());
    private static final int BATCH = 16384;

    private final ArenaDirectory arenas;
    private final Index index;
    private final long newArenaCapacity;
    private final Map<BlockKey, ClumpAddress> batch = new HashMap<>();
    private long indexed;
    private long droppedBytes;
    private long damagedStretches;
    /** The counts with the clumps indexed so far; null when the index has none (written before counting). */
    private StoreCounts counts;

    private StoreRecovery(ArenaDirectory arenas, Index index, long newArenaCapacity) {
        this.arenas = arenas;
        this.index = index;
        this.newArenaCapacity = newArenaCapacity;
    }

    /**
     * What recovery did: the arena to append to, how many clumps it indexed, how many
     * torn bytes it cut from the last arena's tail, how many damaged stretches
     * (followed by valid clumps, so kept on disk) it passed over without indexing, and the
     * store's counts with the clumps it indexed (null when unknown).
     */
    record Outcome(ArenaAppender appender, long clumpsIndexed, long droppedBytes, long damagedStretches,
                   StoreCounts counts) {
    }

    /**
     * Brings {@code index} up to date with the arenas and returns the arena to append to.
     *
     * @throws IOException when an arena other than the last is damaged or unsealed, or
     *         the index claims more than the arenas hold
     */
    static Outcome run(ArenaDirectory arenas, Index index, long newArenaCapacity) throws IOException {
        StoreRecovery r = new StoreRecovery(arenas, index, newArenaCapacity);
        r.counts = index.counts().orElse(null);
        ArenaAppender appender = r.catchUp();
        return new Outcome(appender, r.indexed, r.droppedBytes, r.damagedStretches, r.counts);
    }

    private ArenaAppender catchUp() throws IOException {
        List<Integer> numbers = arenas.numbers();
        if (numbers.isEmpty()) {
            return ArenaAppender.create(arenas.path(0), new ArenaHeader(0, newArenaCapacity));
        }
        int last = numbers.size() - 1;
        HighWaterMark mark = index.highWater();
        if (mark.arena() > last) {
            throw new IOException("the index in " + index.dir() + " covers arena " + mark.arena()
                    + " but the last arena file is " + arenas.path(last)
                    + "; run ventifs venti rebuild-index --store " + arenas.dir().getParent());
        }
        for (int n = mark.arena(); n <= last; n++) {
            long from = n == mark.arena() ? mark.offset() : ArenaHeader.SIZE;
            ArenaAppender appender = catchUpArena(n, from, n == last);
            if (appender != null) {
                return appender;
            }
        }
        throw new IllegalStateException("unreachable: the last arena always yields an appender");
    }

    /** Indexes arena {@code n} from {@code from}; returns the appender when {@code n} is the last arena. */
    private ArenaAppender catchUpArena(int n, long from, boolean isLast) throws IOException {
        Path path = arenas.path(n);
        if (isLast && Files.size(path) < ArenaHeader.SIZE) {
            // The process died while creating this arena: nothing was ever appended to it.
            droppedBytes += Files.size(path);
            Files.delete(path);
            return ArenaAppender.create(path, new ArenaHeader(n, newArenaCapacity));
        }
        ArenaHeader header;
        try (Arena arena = Arena.open(path, n)) {
            header = arena.header();
            if (from > arena.size()) {
                throw new IOException("the index in " + index.dir() + " covers " + path + " up to " + from
                        + " but the file holds " + arena.size() + " bytes; run ventifs venti rebuild-index --store "
                        + arenas.dir().getParent());
            }
        }
        ArenaScanner.ScanEnd end = ArenaScanner.scan(path, from, true, n, new ArenaScanner.ClumpVisitor() {
            @Override
            public void visit(BlockKey key, ClumpAddress address, ClumpHeader h, byte[] stored) throws IOException {
                batch.put(key, address);
                if (counts != null) {
                    // Written at least once; duplicates written after the last sync are not known.
                    counts = counts.plusNewBlock(h.rawSize(), address.length());
                }
                if (batch.size() >= BATCH) {
                    commit(path, new HighWaterMark(n, address.end()));
                }
            }

            @Override
            public void damaged(long offset, long resumeAt, String problem) {
                damagedStretches++;
                LOG.log(System.Logger.Level.ERROR, "{0} is damaged from offset {1} to {2} ({3}); valid clumps follow, "
                        + "so the damaged bytes stay and the blocks there are not indexed; run ventifs check",
                        path, offset, resumeAt, problem);
            }
        });
        switch (end.ending()) {
            case SEALED:
                commit(path, new HighWaterMark(n, end.offset()));
                if (!isLast) {
                    return null;
                }
                // Create the next arena before the mark names it, so the mark never runs ahead of the files.
                ArenaAppender next = ArenaAppender.create(arenas.path(n + 1), new ArenaHeader(n + 1, newArenaCapacity));
                commit(path, new HighWaterMark(n + 1, ArenaHeader.SIZE));
                return next;
            case END_OF_FILE:
                if (!isLast) {
                    throw new IOException("arena file " + path + " is not sealed, yet later arenas exist; "
                            + "run ventifs check --store " + arenas.dir().getParent());
                }
                commit(path, new HighWaterMark(n, end.offset()));
                return ArenaAppender.reopen(path, header, end.offset());
            default:
                if (!isLast) {
                    throw new IOException("arena file " + path + " is damaged at offset " + end.offset() + ": "
                            + end.problem() + "; run ventifs check --store " + arenas.dir().getParent());
                }
                long size = Files.size(path);
                droppedBytes += size - end.offset();
                LOG.log(System.Logger.Level.WARNING, "dropping a torn tail of {0} bytes at offset {1} of {2}: {3}",
                        size - end.offset(), end.offset(), path, end.problem());
                commit(path, new HighWaterMark(n, end.offset()));
                return ArenaAppender.reopen(path, header, end.offset());
        }
    }

    /** Makes the scanned part of the arena durable, then indexes the batch up to {@code mark}. */
    private void commit(Path path, HighWaterMark mark) throws IOException {
        if (!batch.isEmpty()) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                ch.force(false);
            }
        }
        index.commit(batch, mark, counts);
        indexed += batch.size();
        batch.clear();
    }
}

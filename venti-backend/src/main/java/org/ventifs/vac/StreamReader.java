package org.ventifs.vac;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;

/**
 * Reads any byte range of one stream: walks the pointer blocks (keeping the last
 * one at each level), reads the zeros truncated from a leaf and the zero score as
 * zeros (without padding the leaf in memory). Leaves of one call are fetched in parallel, and once reads are sequential
 * the next leaves are fetched ahead, so a cold read is not one round trip per block.
 * Thread-safe: calls are serialised.
 */
public final class StreamReader {
    /** How many leaves sequential reads fetch ahead at most. */
    static final int MAX_READ_AHEAD = 32;

    private static final ExecutorService FETCHERS = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "vac-read-ahead");
        t.setDaemon(true);
        return t;
    });

    private final BlockStore store;
    private final Entry entry;
    private final StreamShape shape;
    private final long[] cachedIndex;
    private final byte[][] cachedBlock;
    private final Map<Long, CompletableFuture<byte[]>> fetching = new HashMap<>();
    /** Whether leaves are fetched ahead by the pool; else the calling thread reads each. */
    private final boolean fetchAhead;
    private long nextSequentialLeaf = -1;
    private int readAhead = 0;

    /**
     * Opens a reader of the stream {@code entry} heads in {@code store}.
     *
     * @throws IllegalArgumentException when the entry is inactive
     */
    public StreamReader(BlockStore store, Entry entry) {
        this(store, entry, true);
    }

    /**
     * A reader of {@code entry} that reads every block on the calling thread: for callers
     * that read many small streams at once, to whom a hand-off per block costs more than it hides.
     */
    public static StreamReader onCallingThread(BlockStore store, Entry entry) {
        return new StreamReader(store, entry, false);
    }

    private StreamReader(BlockStore store, Entry entry, boolean fetchAhead) {
        if (!entry.active()) {
            throw new IllegalArgumentException("cannot read an inactive entry");
        }
        this.store = store;
        this.entry = entry;
        this.fetchAhead = fetchAhead;
        this.shape = StreamShape.of(entry);
        this.cachedIndex = new long[entry.depth() + 1];
        this.cachedBlock = new byte[entry.depth() + 1][];
        Arrays.fill(cachedIndex, -1);
    }

    /** The entry this reader reads. */
    public Entry entry() {
        return entry;
    }

    /** The stream's size in bytes. */
    public long size() {
        return entry.size();
    }

    /**
     * Copies up to {@code length} bytes from {@code offset} of the stream into {@code dst};
     * holes read as zeros.
     *
     * @return the bytes copied: {@code length}, or fewer only at the end of the stream (0 at or past it)
     * @throws IOException when a block is missing or corrupt (naming its score)
     */
    public synchronized int read(long offset, byte[] dst, int dstOffset, int length) throws IOException {
        if (offset < 0 || length < 0 || dstOffset < 0 || dstOffset + length > dst.length) {
            throw new IndexOutOfBoundsException("bad read range");
        }
        long end = Math.min(entry.size(), offset + length);
        if (offset >= end) {
            return 0;
        }
        int dsize = shape.dsize();
        long firstLeaf = offset / dsize;
        long lastLeaf = (end - 1) / dsize;
        scheduleFetches(firstLeaf, lastLeaf);
        int copied = 0;
        for (long leaf = firstLeaf; leaf <= lastLeaf; leaf++) {
            byte[] stored = awaitLeaf(leaf);
            long leafStart = leaf * dsize;
            int from = (int) Math.max(0, offset - leafStart);
            int to = (int) Math.min(dsize, end - leafStart);
            int at = dstOffset + copied;
            int kept = Math.max(0, Math.min(to, stored.length) - from);
            if (kept > 0) {
                System.arraycopy(stored, from, dst, at, kept);
            }
            // The leaf's truncated zeros.
            Arrays.fill(dst, at + kept, at + to - from, (byte) 0);
            copied += to - from;
        }
        return copied;
    }

    /**
     * Returns leaf {@code index} padded to dsize bytes (zeros for a hole or past the end).
     *
     * @throws IOException when a block is missing or corrupt
     */
    public synchronized byte[] readLeaf(long index) throws IOException {
        if (index < 0 || index >= shape.leafCount(entry.size())) {
            return new byte[shape.dsize()];
        }
        scheduleFetches(index, index);
        byte[] stored = awaitLeaf(index); // never shared: each fetch makes its own array
        return stored.length == shape.dsize() ? stored : Arrays.copyOf(stored, shape.dsize());
    }

    private void scheduleFetches(long firstLeaf, long lastLeaf) throws IOException {
        if (!fetchAhead) {
            return;
        }
        if (firstLeaf == nextSequentialLeaf || firstLeaf == nextSequentialLeaf - 1) {
            readAhead = Math.min(MAX_READ_AHEAD, Math.max(2, readAhead * 2));
        } else {
            readAhead = 0;
            fetching.keySet().removeIf(leaf -> leaf < firstLeaf || leaf > lastLeaf + MAX_READ_AHEAD);
        }
        nextSequentialLeaf = lastLeaf + 1;
        long leaves = shape.leafCount(entry.size());
        long until = Math.min(leaves - 1, lastLeaf + readAhead);
        // The first leaf is read by the caller (awaitLeaf); only the others go to the fetchers.
        for (long leaf = firstLeaf + 1; leaf <= until; leaf++) {
            if (!fetching.containsKey(leaf)) {
                Score score = leafScore(leaf);
                fetching.put(leaf, fetch(score));
            }
        }
    }

    private CompletableFuture<byte[]> fetch(Score score) {
        if (score.isZero()) {
            return CompletableFuture.completedFuture(new byte[0]);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return readStoredLeaf(score);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, FETCHERS);
    }

    private byte[] awaitLeaf(long leaf) throws IOException {
        CompletableFuture<byte[]> future = fetching.remove(leaf);
        if (future == null) {
            Score score = leafScore(leaf);
            return score.isZero() ? new byte[0] : readStoredLeaf(score);
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    /** A leaf as stored: its trailing zeros truncated, so up to dsize bytes. */
    private byte[] readStoredLeaf(Score score) throws IOException {
        return store.readAtMost(score, BlockType.ofStream(entry.dir(), 0), shape.dsize());
    }

    /** The score of leaf {@code leaf}, walking down from the top through the cached pointer blocks. */
    private Score leafScore(long leaf) throws IOException {
        Score score = entry.score();
        for (int level = entry.depth(); level >= 1; level--) {
            if (score.isZero()) {
                return Score.ZERO;
            }
            byte[] block = pointerBlock(level, leaf / shape.leavesUnder(level), score);
            score = Score.fromBytes(block, shape.slot(leaf, level) * Score.SIZE);
        }
        return score;
    }

    private byte[] pointerBlock(int level, long index, Score score) throws IOException {
        if (cachedIndex[level] != index) {
            BlockType type = BlockType.ofStream(entry.dir(), level);
            byte[] block = store.read(score, type, entry.psize());
            cachedBlock[level] = block;
            cachedIndex[level] = index;
        }
        return cachedBlock[level];
    }
}

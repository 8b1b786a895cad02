package org.ventifs.venti.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.ventifs.venti.Score;

/**
 * Read-ahead for sequential reads: when a cache miss continues a sequence, the next
 * window of the arena is read with one positional read and its blocks are verified in
 * parallel (the reading thread and the common pool), so that a reader walking blocks
 * in write order uses more than one core for hashing and the disk sees large reads.
 *
 * <p>A miss continues a sequence when it starts where the same thread's previous miss
 * ended, or at most one window past where the last miss or window of any thread ended:
 * threads that share one sequence (each taking the next block), or restore files
 * archived side by side, read ahead too. A thread that misses a block inside the
 * window being read waits for that window rather than reading the block again.
 * Windows never overlap: a sequence reads on from where the last window ended, and not
 * at all while that is still half a window or more ahead of it. Holds the blocks of the
 * last {@link #WINDOWS_KEPT} windows at most (older ones not asked for are dropped); thread-safe.
 */
final class ReadAhead {
    /** How many windows' blocks wait to be asked for, at most. */
    static final int WINDOWS_KEPT = 4;

    private final int window;

    /** Where a miss, or a window read, ended. */
    private record Position(int arena, long end) {
    }

    /** The clumps of an arena between two offsets. */
    private record Range(int arena, long from, long to) {
        boolean holds(ClumpAddress address) {
            return address.arena() == arena && address.offset() >= from && address.offset() < to;
        }
    }

    private static final Position NOWHERE = new Position(-1, -1);
    private static final Range NOTHING = new Range(-1, 0, 0);

    /** The window's bytes, reused by each load (under the loading lock). */
    private ByteBuffer windowBuffer;
    private final Map<BlockKey, byte[]> blocks = new ConcurrentHashMap<>();
    /** The keys of each window kept, oldest first; guarded by the loading lock. */
    private final Deque<List<BlockKey>> windowsKept = new ArrayDeque<>();
    /** Where the last window read ended; guarded by the loading lock. */
    private Position loadedTo = NOWHERE;
    private final ReentrantLock loading = new ReentrantLock();
    /** The window being read, while one is. */
    private volatile Range inFlight = NOTHING;
    /** Per thread: where its last miss, or the last window it read, ended. */
    private final ThreadLocal<Position> last = ThreadLocal.withInitial(() -> NOWHERE);
    /** Where the last miss or window of any thread ended. */
    private volatile Position frontier = NOWHERE;

    /** Reads ahead {@code window} bytes at a time; 0 turns read-ahead off. */
    ReadAhead(int window) {
        this.window = window;
    }

    /** Returns (and forgets) the verified block read ahead for {@code key}, or null. */
    byte[] take(BlockKey key) {
        return blocks.remove(key);
    }

    /**
     * Returns (and forgets) the verified block read ahead for {@code key}, which lives
     * at {@code address}, or null; waits first when that address is in the window being read.
     */
    byte[] take(BlockKey key, ClumpAddress address) {
        byte[] block = blocks.remove(key);
        if (block == null && inFlight.holds(address) && !loading.isHeldByCurrentThread()) {
            loading.lock();
            loading.unlock();
            block = blocks.remove(key);
        }
        return block;
    }

    /**
     * Notes a miss served at {@code address} of {@code arena}; when it continues a
     * sequence, reads ahead the clumps after it, up to {@code readableEnd}.
     * Clumps that do not verify are left for the ordinary read, which reports them.
     */
    void afterMiss(Arena arena, ClumpAddress address, long readableEnd) {
        if (window == 0) {
            return;
        }
        Position previous = last.get();
        Position shared = frontier;
        Position here = new Position(address.arena(), address.end());
        last.set(here);
        frontier = here;
        if (!continues(previous, shared, address)) {
            return;
        }
        if (!loading.tryLock()) {
            return;
        }
        try {
            long from = address.end();
            if (loadedTo.arena() == address.arena() && loadedTo.end() > from) {
                if (loadedTo.end() - from >= window / 2) {
                    return; // enough read ahead already
                }
                from = loadedTo.end();
            }
            long end = Math.min(from + window, readableEnd);
            if (end <= from) {
                return;
            }
            inFlight = new Range(address.arena(), from, end);
            load(arena, address.arena(), from, end);
        } finally {
            inFlight = NOTHING;
            loading.unlock();
        }
    }

    private boolean continues(Position previous, Position shared, ClumpAddress address) {
        if (previous.arena() == address.arena() && previous.end() == address.offset()) {
            return true;
        }
        return shared.arena() == address.arena() && address.offset() >= shared.end()
                && address.offset() - shared.end() < window;
    }

    /** Reads, verifies and keeps the whole clumps between {@code from} (a clump boundary) and {@code end}. */
    private void load(Arena arena, int arenaNumber, long from, long end) {
        List<Arena.StoredClump> clumps;
        try {
            int length = (int) (end - from);
            if (windowBuffer == null || windowBuffer.capacity() < length) {
                windowBuffer = ByteBuffer.allocate(window);
            }
            clumps = arena.readClumps(from, windowBuffer.limit(length));
        } catch (IOException e) {
            // Read-ahead is only a guess; the ordinary read meets and reports any real trouble.
            return;
        }
        if (clumps.isEmpty()) {
            return;
        }
        while (windowsKept.size() >= WINDOWS_KEPT) {
            // Blocks read ahead but never asked for.
            windowsKept.removeFirst().forEach(blocks::remove);
        }
        List<BlockKey> keys = clumps.parallelStream().map(c -> {
            byte[] block = decodeVerified(c.header(), c.bytes(), c.dataAt());
            if (block == null) {
                return null;
            }
            BlockKey key = new BlockKey(c.header().score(), c.header().wireType());
            blocks.put(key, block);
            return key;
        }).filter(Objects::nonNull).toList();
        windowsKept.addLast(keys);
        Arena.StoredClump lastClump = clumps.get(clumps.size() - 1);
        Position after = new Position(arenaNumber, lastClump.offset() + lastClump.header().clumpLength());
        loadedTo = after;
        last.set(after);
        frontier = after;
    }

    /** Forgets every block read ahead. */
    void clear() {
        loading.lock();
        try {
            blocks.clear();
            windowsKept.clear();
            loadedTo = NOWHERE;
        } finally {
            loading.unlock();
        }
    }

    private static byte[] decodeVerified(ClumpHeader header, byte[] stored, int offset) {
        try {
            byte[] block = ClumpCodec.decode(header, stored, offset);
            return Score.of(block).equals(header.score()) ? block : null;
        } catch (FormatException e) {
            return null;
        }
    }
}

package org.ventifs.venti.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
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
 * Holds about two windows of verified blocks at most; thread-safe.
 */
final class ReadAhead {
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
        long end = Math.min(address.end() + window, readableEnd);
        if (end <= address.end() || !loading.tryLock()) {
            return;
        }
        try {
            inFlight = new Range(address.arena(), address.end(), end);
            load(arena, address, end);
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

    private void load(Arena arena, ClumpAddress address, long end) {
        List<Arena.StoredClump> clumps;
        try {
            int length = (int) (end - address.end());
            if (windowBuffer == null || windowBuffer.capacity() < length) {
                windowBuffer = ByteBuffer.allocate(window);
            }
            clumps = arena.readClumps(address.end(), windowBuffer.limit(length));
        } catch (IOException e) {
            // Read-ahead is only a guess; the ordinary read meets and reports any real trouble.
            return;
        }
        if (blocks.size() > clumps.size()) {
            // Blocks read ahead but never asked for: keep memory to about two windows.
            blocks.clear();
        }
        clumps.parallelStream().forEach(c -> {
            byte[] block = decodeVerified(c.header(), c.bytes(), c.dataAt());
            if (block != null) {
                blocks.put(new BlockKey(c.header().score(), c.header().wireType()), block);
            }
        });
        if (!clumps.isEmpty()) {
            Arena.StoredClump lastClump = clumps.get(clumps.size() - 1);
            Position after = new Position(address.arena(), lastClump.offset() + lastClump.header().clumpLength());
            last.set(after);
            frontier = after;
        }
    }

    /** Forgets every block read ahead. */
    void clear() {
        blocks.clear();
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

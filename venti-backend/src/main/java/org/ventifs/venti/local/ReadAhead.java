package org.ventifs.venti.local;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.ventifs.venti.Score;

/**
 * Read-ahead for sequential reads: when a thread's cache miss starts where its
 * previous one ended, the next window of the arena is read with one positional read and its blocks
 * are verified in parallel (the reading thread and the common pool), so that a
 * single reader walking blocks in write order uses more than one core for hashing.
 * Holds at most one window of verified blocks; thread-safe.
 */
final class ReadAhead {
    private final int window;

    /** Where a thread's last miss, or the last window it read, ended. */
    private record Position(int arena, long end) {
    }

    private static final Position NOWHERE = new Position(-1, -1);

    private final Map<BlockKey, byte[]> blocks = new ConcurrentHashMap<>();
    private final ReentrantLock loading = new ReentrantLock();
    /** Per thread: readers sharing one sequence (each taking the next block) are not sequential each. */
    private final ThreadLocal<Position> last = ThreadLocal.withInitial(() -> NOWHERE);

    /** Reads ahead {@code window} bytes at a time; 0 turns read-ahead off. */
    ReadAhead(int window) {
        this.window = window;
    }

    /** Returns (and forgets) the verified block read ahead for {@code key}, or null. */
    byte[] take(BlockKey key) {
        return blocks.remove(key);
    }

    /**
     * Notes a miss served at {@code address} of {@code arena}; when it continues the
     * previous miss, reads ahead the clumps after it, up to {@code readableEnd}.
     * Clumps that do not verify are left for the ordinary read, which reports them.
     */
    void afterMiss(Arena arena, ClumpAddress address, long readableEnd) {
        if (window == 0) {
            return;
        }
        Position previous = last.get();
        last.set(new Position(address.arena(), address.end()));
        if (previous.arena() != address.arena() || previous.end() != address.offset()) {
            return;
        }
        long end = Math.min(address.end() + window, readableEnd);
        if (end <= address.end() || !loading.tryLock()) {
            return;
        }
        try {
            List<Arena.StoredClump> clumps;
            try {
                clumps = arena.readClumps(address.end(), end);
            } catch (IOException e) {
                // Read-ahead is only a guess; the ordinary read meets and reports any real trouble.
                return;
            }
            if (blocks.size() > clumps.size()) {
                // Blocks read ahead but never asked for: keep memory to about two windows.
                blocks.clear();
            }
            clumps.parallelStream().forEach(c -> {
                byte[] block = decodeVerified(c.header(), c.stored());
                if (block != null) {
                    blocks.put(new BlockKey(c.header().score(), c.header().wireType()), block);
                }
            });
            if (!clumps.isEmpty()) {
                Arena.StoredClump lastClump = clumps.get(clumps.size() - 1);
                last.set(new Position(address.arena(), lastClump.offset() + lastClump.header().clumpLength()));
            }
        } finally {
            loading.unlock();
        }
    }

    /** Forgets every block read ahead. */
    void clear() {
        blocks.clear();
    }

    private static byte[] decodeVerified(ClumpHeader header, byte[] stored) {
        try {
            byte[] block = header.encoding() == ClumpEncoding.RAW ? stored : ClumpCodec.decode(header, stored, 0);
            return Score.of(block).equals(header.score()) ? block : null;
        } catch (FormatException e) {
            return null;
        }
    }
}

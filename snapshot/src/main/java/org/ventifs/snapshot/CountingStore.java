package org.ventifs.snapshot;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;

/**
 * A block store that counts the bytes written through it (before the store's own
 * deduplication): what one archive sent to Venti. Thread-safe.
 */
final class CountingStore implements BlockStore {
    private final BlockStore store;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong blocks = new AtomicLong();

    CountingStore(BlockStore store) {
        this.store = store;
    }

    /** Bytes passed to {@link #put} so far. */
    long written() {
        return written.get();
    }

    /** Blocks passed to {@link #put} so far. */
    long blocks() {
        return blocks.get();
    }

    @Override
    public Score put(BlockType type, byte[] data, int offset, int length) throws IOException {
        Score score = store.put(type, data, offset, length);
        written.addAndGet(length);
        blocks.incrementAndGet();
        return score;
    }

    @Override
    public byte[] get(Score score, BlockType type) throws IOException {
        return store.get(score, type);
    }

    @Override
    public void sync() throws IOException {
        store.sync();
    }

    /** Does not close the underlying store, which belongs to the caller. */
    @Override
    public void close() {
    }
}

package org.ventifs.vac;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;

/** A real store seen through a counter of the blocks written to it. */
final class CountingStore implements BlockStore {
    private final BlockStore store;
    final AtomicInteger puts = new AtomicInteger();
    final AtomicInteger gets = new AtomicInteger();

    CountingStore(BlockStore store) {
        this.store = store;
    }

    @Override
    public Score put(BlockType type, byte[] data, int offset, int length) throws IOException {
        puts.incrementAndGet();
        return store.put(type, data, offset, length);
    }

    @Override
    public byte[] get(Score score, BlockType type) throws IOException {
        gets.incrementAndGet();
        return store.get(score, type);
    }

    @Override
    public void sync() throws IOException {
        store.sync();
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}

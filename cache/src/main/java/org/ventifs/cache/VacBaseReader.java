package org.ventifs.cache;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ventifs.vac.Entry;
import org.ventifs.vac.StreamReader;
import org.ventifs.vac.VacFormatException;
import org.ventifs.venti.BlockStore;

/**
 * Reads file bases (40-byte vac entries) from Venti through the vac branch's
 * {@link StreamReader}, keeping the readers of recently read bases so sequential reads keep
 * their read-ahead and cached pointer blocks.
 */
final class VacBaseReader implements BaseReader {
    private static final int READERS_KEPT = 256;

    private final BlockStore store;
    private final Map<Entry, StreamReader> readers = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Entry, StreamReader> eldest) {
            return size() > READERS_KEPT;
        }
    };

    VacBaseReader(BlockStore store) {
        this.store = store;
    }

    @Override
    public void read(byte[] base, long offset, byte[] dst, int dstOffset, int length) throws IOException {
        int n = reader(base).read(offset, dst, dstOffset, length);
        Arrays.fill(dst, dstOffset + Math.max(n, 0), dstOffset + length, (byte) 0);
    }

    private StreamReader reader(byte[] base) throws ErrnoException {
        Entry entry;
        try {
            if (base.length != Entry.SIZE) {
                throw new VacFormatException("a file base is a " + Entry.SIZE + "-byte entry, not " + base.length + " bytes");
            }
            entry = Entry.decode(base, 0);
            if (!entry.active() || entry.dir()) {
                throw new VacFormatException("a file base must be an active data stream");
            }
        } catch (VacFormatException e) {
            throw new ErrnoException(Errno.EIO, "bad file base: " + e.getMessage());
        }
        synchronized (readers) {
            return readers.computeIfAbsent(entry, e -> new StreamReader(store, e));
        }
    }
}

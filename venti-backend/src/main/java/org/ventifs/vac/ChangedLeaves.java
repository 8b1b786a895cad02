package org.ventifs.vac;

import java.io.IOException;
import java.util.SortedMap;

/**
 * The leaves a {@link StreamUpdater} replaces: their indexes, known up front, and their
 * bytes, read one leaf at a time when the update reaches it, so a large changed file
 * never has to sit in memory whole.
 */
public interface ChangedLeaves {
    /** The indexes of the changed leaves, ascending, without repeats. */
    long[] indexes();

    /**
     * Copies leaf {@code index}'s bytes, as many as fit, into the start of {@code into} and
     * returns how many were copied; bytes after them read as zeros. {@code into} holds dsize
     * bytes, or the stream's new size when that is smaller: no leaf below the new size is
     * longer.
     *
     * @throws IOException when the leaf cannot be read
     */
    int read(long index, byte[] into) throws IOException;

    /** Leaves already in memory, by index (a leaf shorter than dsize is padded with zeros). */
    static ChangedLeaves of(SortedMap<Long, byte[]> leaves) {
        long[] indexes = leaves.keySet().stream().mapToLong(Long::longValue).toArray();
        return new ChangedLeaves() {
            @Override
            public long[] indexes() {
                return indexes;
            }

            @Override
            public int read(long index, byte[] into) {
                byte[] leaf = leaves.get(index);
                int n = Math.min(leaf.length, into.length);
                System.arraycopy(leaf, 0, into, 0, n);
                return n;
            }
        };
    }
}

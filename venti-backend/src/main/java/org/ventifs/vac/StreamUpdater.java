package org.ventifs.vac;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;

/**
 * Updates a stream in place, the way an archiver does: writes the changed leaves
 * and only the pointer blocks on their paths to the top, reuses every other
 * pointer, and grows or shrinks the tree's depth as the new size demands. A leaf
 * of zeros is a hole and costs nothing.
 */
public final class StreamUpdater {
    private final BlockStore store;
    private final StreamShape shape;
    private final boolean dir;
    private final int psize;
    private final long newSize;
    private final long leaves;
    private final ChangedLeaves changes;
    /** The changed leaf indexes below the new leaf count, ascending. */
    private final long[] changed;
    /** Holds one changed leaf while it is stored. */
    private final byte[] leafBuffer;
    /** Whether the stream shrinks, so the path to its new last leaf must be rewritten. */
    private final boolean shrinking;

    private StreamUpdater(BlockStore store, Entry base, long newSize, ChangedLeaves changes, long[] changed) {
        this.store = store;
        this.shape = StreamShape.of(base);
        this.dir = base.dir();
        this.psize = base.psize();
        this.newSize = newSize;
        this.leaves = shape.leafCount(newSize);
        this.changes = changes;
        this.changed = Arrays.copyOf(changed, firstAtOrAfter(changed, leaves));
        // A small file's one leaf needs only its size: most files are small, and a buffer of dsize each costs.
        this.leafBuffer = new byte[(int) Math.min(base.dsize(), newSize)];
        this.shrinking = newSize < base.size();
    }

    /**
     * Returns the entry of the stream {@code base} (null for a new, empty stream of
     * {@link Entry#VAC_PSIZE} and {@link Entry#DEFAULT_DSIZE}) after setting its size
     * to {@code newSize} and replacing the leaves in {@code changedLeaves} (by leaf
     * index; a leaf shorter than dsize is padded with zeros). Leaves past the new size
     * are dropped and the tail of the new last leaf is zeroed.
     *
     * @throws IllegalArgumentException when a leaf is longer than dsize, an index is
     *         negative, or {@code dir} differs from the base's kind
     * @throws IOException when a block cannot be read or written
     */
    public static Entry update(BlockStore store, Entry base, boolean dir, long newSize,
            SortedMap<Long, byte[]> changedLeaves) throws IOException {
        int dsize = base != null ? base.dsize() : Entry.DEFAULT_DSIZE;
        for (var change : changedLeaves.entrySet()) {
            if (change.getValue().length > dsize) {
                throw new IllegalArgumentException("leaf " + change.getKey() + " of " + change.getValue().length
                        + " bytes does not fit dsize " + dsize);
            }
        }
        return update(store, base, dir, newSize, ChangedLeaves.of(changedLeaves));
    }

    /**
     * As {@link #update(BlockStore, Entry, boolean, long, SortedMap)}, reading each changed
     * leaf from {@code changedLeaves} only when it is stored: memory stays one leaf and one
     * pointer block per level, however many leaves change.
     */
    public static Entry update(BlockStore store, Entry base, boolean dir, long newSize,
            ChangedLeaves changedLeaves) throws IOException {
        Entry old = base != null ? base : Entry.empty(Entry.VAC_PSIZE, Entry.DEFAULT_DSIZE, dir);
        if (!old.active() || old.dir() != dir) {
            throw new IllegalArgumentException("the base entry must be an active " + (dir ? "dir" : "data")
                    + " stream");
        }
        if (newSize < 0 || newSize > Entry.MAX_SIZE) {
            throw new IllegalArgumentException("a stream size must be 0..2^48-1, not " + newSize);
        }
        long[] indexes = changedLeaves.indexes();
        for (int i = 0; i < indexes.length; i++) {
            if (indexes[i] < 0 || (i > 0 && indexes[i] <= indexes[i - 1])) {
                throw new IllegalArgumentException("changed leaf indexes must be ascending and not negative: "
                        + indexes[i]);
            }
        }
        StreamUpdater updater = new StreamUpdater(store, old, newSize, changedLeaves, indexes);
        int depth = updater.shape.depthFor(updater.leaves);
        Score top = updater.leaves == 0 ? Score.ZERO : updater.rebuild(depth, old.score(), old.depth(), 0);
        return new Entry(old.gen(), old.psize(), old.dsize(), depth, dir, newSize, top, true);
    }

    /**
     * Returns the new score of the block at {@code level} covering leaves from
     * {@code first}, whose old version is {@code oldScore} at {@code oldLevel} of the
     * old tree (lower when the tree grows, higher when it shrinks at the top).
     */
    private Score rebuild(int level, Score oldScore, int oldLevel, long first) throws IOException {
        while (oldLevel > level && !oldScore.isZero()) {
            oldScore = Score.fromBytes(readPointers(oldScore, oldLevel), 0);
            oldLevel--;
        }
        if (oldScore.isZero()) {
            oldLevel = level;
        }
        if (level == 0) {
            return rebuildLeaf(oldScore, first);
        }
        long span = shape.leavesUnder(level - 1);
        byte[] block;
        if (oldLevel == level) {
            block = oldScore.isZero() ? new PointerBlock(List.of()).encode(psize)
                    : readPointers(oldScore, level).clone();
        } else {
            // The tree grows: the old top becomes the first subtree of a new block.
            block = new PointerBlock(List.of(oldScore)).encode(psize);
        }
        int slots = shape.pointersPerBlock();
        for (int s = 0; s < slots; s++) {
            long childFirst = first + s * span;
            if (childFirst >= leaves) {
                Score.ZERO.copyTo(block, s * Score.SIZE);
                continue;
            }
            boolean growing = s == 0 && oldLevel < level - 1;
            if (growing || touches(childFirst, span)) {
                Score child = Score.fromBytes(block, s * Score.SIZE);
                int childLevel = oldLevel == level ? level - 1 : (s == 0 ? oldLevel : level - 1);
                rebuild(level - 1, child, childLevel, childFirst).copyTo(block, s * Score.SIZE);
            }
        }
        return store.write(BlockType.ofStream(dir, level), block);
    }

    /** Whether leaves [first, first + span) hold a change or the new last leaf of a shrinking stream. */
    private boolean touches(long first, long span) {
        long end = span > Long.MAX_VALUE - first ? Long.MAX_VALUE : first + span;
        int at = firstAtOrAfter(changed, first);
        if (at < changed.length && changed[at] < end) {
            return true;
        }
        return shrinking && leaves - 1 >= first && leaves - 1 < end;
    }

    private Score rebuildLeaf(Score oldScore, long index) throws IOException {
        int dsize = shape.dsize();
        BlockType type = BlockType.ofStream(dir, 0);
        boolean last = index == leaves - 1;
        int tail = last ? (int) (newSize - index * dsize) : dsize;
        if (Arrays.binarySearch(changed, index) >= 0) {
            int length = changes.read(index, leafBuffer);
            if (length < 0 || length > leafBuffer.length) {
                throw new IllegalStateException("leaf " + index + " was read as " + length + " bytes into a buffer of "
                        + leafBuffer.length);
            }
            // Bytes past the file's end would read as zeros, and zero truncation drops trailing zeros:
            // storing the slice up to the end gives the same block without padding it first.
            return store.write(type, leafBuffer, 0, Math.min(length, tail));
        }
        if (tail < dsize && !oldScore.isZero()) {
            byte[] leaf = store.read(oldScore, type, dsize);
            return store.write(type, leaf, 0, tail);
        }
        return oldScore;
    }

    /** The position of the first element of ascending {@code sorted} that is at least {@code value}. */
    private static int firstAtOrAfter(long[] sorted, long value) {
        int at = Arrays.binarySearch(sorted, value);
        return at >= 0 ? at : -at - 1;
    }

    private byte[] readPointers(Score score, int level) throws IOException {
        return store.read(score, BlockType.ofStream(dir, level), psize);
    }
}

package org.ventifs.vac;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;

/**
 * Builds a new stream from its leaves in order, writing each leaf and each pointer
 * block once, as soon as it is complete; memory is one pointer block per level.
 * All-zero leaves cost nothing (they are the zero score). Not thread-safe.
 */
public final class StreamWriter {
    private final BlockStore store;
    private final boolean dir;
    private final int psize;
    private final int dsize;
    private final StreamShape shape;
    /** pending.get(level - 1): the scores gathered for the open pointer block at level. */
    private final List<List<Score>> pending = new ArrayList<>();
    private long leaves;
    private long size;
    private boolean lastLeafPartial;
    private Score firstLeaf;

    /** Starts an empty stream of the given kind and block sizes. */
    public StreamWriter(BlockStore store, boolean dir, int psize, int dsize) {
        this.store = store;
        this.dir = dir;
        this.psize = psize;
        this.dsize = dsize;
        this.shape = new StreamShape(psize, dsize);
        Entry.empty(psize, dsize, dir); // checks the sizes
    }

    /** Bytes appended so far. */
    public long size() {
        return size;
    }

    /**
     * Appends one leaf of {@code length} bytes: {@code dsize} bytes, or fewer for the last leaf.
     *
     * @throws IllegalStateException when a short leaf was already appended
     * @throws IOException when the store refuses the block
     */
    public void appendLeaf(byte[] data, int offset, int length) throws IOException {
        if (length <= 0 || length > dsize) {
            throw new IllegalArgumentException("a leaf holds 1.." + dsize + " bytes, not " + length);
        }
        append(data, offset, length, length);
    }

    /**
     * Appends one whole leaf of dsize bytes whose first {@code length} bytes are given and
     * whose rest are zeros (a MetaBlock, say), without building the padding: zero
     * truncation would drop it anyway.
     *
     * @throws IllegalStateException when a short leaf was already appended
     * @throws IOException when the store refuses the block
     */
    public void appendPaddedLeaf(byte[] data, int offset, int length) throws IOException {
        if (length < 0 || length > dsize) {
            throw new IllegalArgumentException("a leaf holds 0.." + dsize + " bytes, not " + length);
        }
        append(data, offset, length, dsize);
    }

    private void append(byte[] data, int offset, int length, int leafSize) throws IOException {
        if (lastLeafPartial) {
            throw new IllegalStateException("only the last leaf of a stream may be short");
        }
        if (size + leafSize > Entry.MAX_SIZE) {
            throw new VacFormatException("a stream cannot exceed 2^48-1 bytes");
        }
        Score score = store.write(BlockType.ofStream(dir, 0), data, offset, length);
        lastLeafPartial = leafSize < dsize;
        size += leafSize;
        if (leaves == 0) {
            firstLeaf = score;
        }
        leaves++;
        if (leaves >= 2) {
            if (leaves == 2) {
                addPointer(1, firstLeaf);
            }
            addPointer(1, score);
        }
    }

    /**
     * Appends a leaf for a dir stream holding {@code entries} (at most dsize / 40); a leaf
     * with fewer entries must be the last, and the stream's size counts 40 bytes per entry.
     */
    public void appendEntries(List<Entry> entries) throws IOException {
        if (!dir) {
            throw new IllegalStateException("entries go in a dir stream");
        }
        byte[] block = new DirBlock(entries).encode(dsize);
        boolean full = entries.size() == DirBlock.entriesPerBlock(dsize);
        appendLeaf(block, 0, full ? dsize : entries.size() * Entry.SIZE);
    }

    /**
     * Writes the open pointer blocks and returns the entry heading the stream.
     *
     * @throws IOException when the store refuses a block
     */
    public Entry finish() throws IOException {
        int depth = shape.depthFor(leaves);
        Score top;
        if (leaves <= 1) {
            top = leaves == 0 ? Score.ZERO : firstLeaf;
        } else {
            for (int level = 1; level < depth; level++) {
                addPointer(level + 1, writePointerBlock(level));
            }
            top = writePointerBlock(depth);
        }
        return new Entry(0, psize, dsize, depth, dir, size, top, true);
    }

    private void addPointer(int level, Score score) throws IOException {
        while (pending.size() < level) {
            pending.add(new ArrayList<>(shape.pointersPerBlock()));
        }
        List<Score> open = pending.get(level - 1);
        if (open.size() == shape.pointersPerBlock()) {
            addPointer(level + 1, writePointerBlock(level));
        }
        open.add(score);
    }

    private Score writePointerBlock(int level) throws IOException {
        List<Score> open = pending.get(level - 1);
        byte[] block = new PointerBlock(open).encodeTruncated(psize);
        open.clear();
        return store.write(BlockType.ofStream(dir, level), block);
    }
}

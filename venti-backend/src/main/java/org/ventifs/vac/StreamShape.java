package org.ventifs.vac;

import org.ventifs.venti.BlockType;

/**
 * The arithmetic of a stream's hash tree: how many leaves a size needs, how deep
 * the tree must be, and how many leaves one pointer at a level covers.
 */
final class StreamShape {
    private final int pointersPerBlock;
    private final int dsize;

    StreamShape(int psize, int dsize) {
        this.pointersPerBlock = psize / org.ventifs.venti.Score.SIZE;
        this.dsize = dsize;
        if (pointersPerBlock < 2) {
            throw new VacFormatException("psize " + psize + " holds fewer than two pointers");
        }
    }

    static StreamShape of(Entry entry) {
        return new StreamShape(entry.psize(), entry.dsize());
    }

    int pointersPerBlock() {
        return pointersPerBlock;
    }

    int dsize() {
        return dsize;
    }

    /** Leaves needed to hold {@code size} bytes. */
    long leafCount(long size) {
        return size == 0 ? 0 : (size - 1) / dsize + 1;
    }

    /** The smallest depth whose tree holds {@code leaves} leaves (0 for none or one). */
    int depthFor(long leaves) {
        int depth = 0;
        while (leaves > leavesUnder(depth)) {
            depth++;
            if (depth > BlockType.MAX_DEPTH) {
                throw new VacFormatException(leaves + " leaves need a tree deeper than 7");
            }
        }
        return depth;
    }

    /** Leaves under one block at {@code level} (1 for a leaf), saturating at Long.MAX_VALUE. */
    long leavesUnder(int level) {
        long n = 1;
        for (int i = 0; i < level; i++) {
            if (n > Long.MAX_VALUE / pointersPerBlock) {
                return Long.MAX_VALUE;
            }
            n *= pointersPerBlock;
        }
        return n;
    }

    /** The slot, in its pointer block at {@code level} (1..7), of the path to leaf {@code leaf}. */
    int slot(long leaf, int level) {
        return (int) ((leaf / leavesUnder(level - 1)) % pointersPerBlock);
    }
}

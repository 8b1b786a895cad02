package org.ventifs.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.LongStream;
import org.ventifs.cache.Attr;
import org.ventifs.cache.FileType;
import org.ventifs.cache.FrozenTree;
import org.ventifs.vac.ChangedLeaves;
import org.ventifs.vac.Entry;
import org.ventifs.vac.StreamUpdater;
import org.ventifs.vac.StreamWriter;
import org.ventifs.venti.BlockStore;

/**
 * Writes the content stream of one changed non-directory of a frozen tree. A regular file
 * whose base has the cache's block size is updated in place: only its dirty leaves, the
 * leaves a truncation hid, and the pointer blocks above them are written. A file without
 * such a base gets a new stream of its dirty leaves (the rest are holes). A symbolic link
 * holds its target, a device the text {@code "c MAJOR MINOR"} (or {@code b}), a FIFO nothing.
 */
final class ContentArchiver {
    private final FrozenTree tree;
    private final BlockStore store;
    private final ProgressCounter progress;
    private final int blockSize;

    ContentArchiver(FrozenTree tree, BlockStore store, ProgressCounter progress) {
        this.tree = tree;
        this.store = store;
        this.progress = progress;
        this.blockSize = tree.blockSize();
    }

    /** The content entry of {@code attr}'s inode as of the freeze, given its base (empty when none). */
    Entry archive(Attr attr, byte[] base) throws IOException {
        return switch (attr.type()) {
            case REGULAR -> regular(attr, base);
            case SYMLINK -> small(tree.readlink(attr.ino()).getBytes(StandardCharsets.UTF_8));
            case CHAR_DEVICE, BLOCK_DEVICE -> small(deviceText(attr).getBytes(StandardCharsets.US_ASCII));
            default -> small(new byte[0]);
        };
    }

    private Entry regular(Attr attr, byte[] base) throws IOException {
        long ino = attr.ino();
        Entry old = base.length == Entry.SIZE ? Entry.decode(base, 0) : null;
        long[] dirty = tree.dirtyBlocks(ino);
        long valid = tree.baseValidLength(ino);
        if (old != null && (!old.active() || old.dir() || old.dsize() != blockSize)) {
            return rewrite(attr);
        }
        if (old != null && dirty.length == 0 && attr.size() == old.size() && valid >= old.size()) {
            progress.file(0);
            return old;
        }
        long shown = old == null ? 0 : Math.min(old.size(), attr.size());
        long[] changedLeaves = dirty;
        if (valid < shown) { // a truncation since the last archive hid base bytes: their leaves now read as zeros
            changedLeaves = union(dirty, valid / blockSize, (shown + blockSize - 1) / blockSize);
        }
        FileLeaves leaves = new FileLeaves(ino, changedLeaves);
        Entry start = old != null ? old : Entry.empty(Entry.VAC_PSIZE, blockSize, false);
        Entry updated = StreamUpdater.update(store, start, false, attr.size(), leaves);
        progress.file(leaves.bytesRead);
        return updated;
    }

    /** The ascending union of ascending {@code sorted} and the range [from, to). */
    static long[] union(long[] sorted, long from, long to) {
        LongStream range = LongStream.range(from, to);
        return LongStream.concat(Arrays.stream(sorted), range).sorted().distinct().toArray();
    }

    /** A file's changed leaves, read from the frozen tree as the update stores them. */
    private final class FileLeaves implements ChangedLeaves {
        private final long ino;
        private final long[] indexes;
        long bytesRead;

        FileLeaves(long ino, long[] indexes) {
            this.ino = ino;
            this.indexes = indexes;
        }

        @Override
        public long[] indexes() {
            return indexes;
        }

        @Override
        public int read(long index, byte[] into) throws IOException {
            int n = tree.read(ino, index * blockSize, into, 0, Math.min(blockSize, into.length));
            bytesRead += n;
            return n;
        }
    }

    /** A whole new stream of the file's bytes as of the freeze (for a base of another block size). */
    private Entry rewrite(Attr attr) throws IOException {
        StreamWriter writer = new StreamWriter(store, false, Entry.VAC_PSIZE, blockSize);
        long leaves = (attr.size() + blockSize - 1) / blockSize;
        byte[] leaf = new byte[blockSize];
        for (long b = 0; b < leaves; b++) {
            int n = tree.read(attr.ino(), b * blockSize, leaf, 0, blockSize);
            writer.appendLeaf(leaf, 0, n);
        }
        progress.file(attr.size());
        return writer.finish();
    }

    private Entry small(byte[] bytes) throws IOException {
        StreamWriter writer = new StreamWriter(store, false, Entry.VAC_PSIZE, blockSize);
        for (int at = 0; at < bytes.length; at += blockSize) {
            writer.appendLeaf(bytes, at, Math.min(blockSize, bytes.length - at));
        }
        progress.file(bytes.length);
        return writer.finish();
    }

    /** vac's device text: {@code b} or {@code c}, then the Linux major and minor numbers of the dev_t. */
    static String deviceText(Attr attr) {
        long dev = attr.rdev();
        long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
        long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
        return (attr.type() == FileType.BLOCK_DEVICE ? "b " : "c ") + major + " " + minor;
    }
}

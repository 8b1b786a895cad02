package org.ventifs.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ventifs.cache.Attr;
import org.ventifs.cache.FileType;
import org.ventifs.cache.FrozenTree;
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
        SortedMap<Long, byte[]> leaves = new TreeMap<>();
        long bytes = 0;
        for (long b : dirty) {
            byte[] leaf = leaf(ino, b);
            leaves.put(b, leaf);
            bytes += leaf.length;
        }
        long shown = old == null ? 0 : Math.min(old.size(), attr.size());
        if (valid < shown) { // a truncation since the last archive hid base bytes: their leaves now read as zeros
            long hiddenEnd = (shown + blockSize - 1) / blockSize;
            for (long b = valid / blockSize; b < hiddenEnd; b++) {
                if (!leaves.containsKey(b)) {
                    leaves.put(b, leaf(ino, b));
                }
            }
        }
        Entry start = old != null ? old : Entry.empty(Entry.VAC_PSIZE, blockSize, false);
        Entry updated = StreamUpdater.update(store, start, false, attr.size(), leaves);
        progress.file(bytes);
        return updated;
    }

    /** A whole new stream of the file's bytes as of the freeze (for a base of another block size). */
    private Entry rewrite(Attr attr) throws IOException {
        StreamWriter writer = new StreamWriter(store, false, Entry.VAC_PSIZE, blockSize);
        long leaves = (attr.size() + blockSize - 1) / blockSize;
        for (long b = 0; b < leaves; b++) {
            byte[] leaf = leaf(attr.ino(), b);
            writer.appendLeaf(leaf, 0, leaf.length);
        }
        progress.file(attr.size());
        return writer.finish();
    }

    private byte[] leaf(long ino, long blockNo) throws IOException {
        byte[] leaf = new byte[blockSize];
        int n = tree.read(ino, blockNo * blockSize, leaf, 0, blockSize);
        return n == blockSize ? leaf : Arrays.copyOf(leaf, n);
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

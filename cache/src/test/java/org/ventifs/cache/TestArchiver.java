package org.ventifs.cache;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.ventifs.vac.Entry;
import org.ventifs.vac.StreamUpdater;
import org.ventifs.venti.BlockStore;

/**
 * What the snapshot archiver will do for file content, in a few lines: for each changed
 * regular file of a frozen view, write its changed leaves over its old base with the vac
 * {@link StreamUpdater} and return the new entries, ready for {@link Cache#retire}.
 */
final class TestArchiver {
    private TestArchiver() {
    }

    static Map<Long, byte[]> archive(FrozenTree view, BlockStore store) throws IOException {
        Map<Long, byte[]> bases = new HashMap<>();
        int blockSize = view.blockSize();
        for (long ino : view.changedInodes()) {
            Attr attr;
            try {
                attr = view.getattr(ino);
            } catch (ErrnoException e) {
                continue; // deleted before the freeze
            }
            if (attr.type() != FileType.REGULAR) {
                continue;
            }
            byte[] oldBase = view.base(ino);
            Entry old = oldBase.length == 0 ? Entry.empty(Entry.VAC_PSIZE, blockSize, false) : Entry.decode(oldBase, 0);
            TreeMap<Long, byte[]> leaves = new TreeMap<>();
            for (long b : view.dirtyBlocks(ino)) {
                leaves.put(b, leaf(view, ino, b, blockSize));
            }
            long hiddenFrom = view.baseValidLength(ino) / blockSize;
            long oldLeaves = (Math.min(old.size(), attr.size()) + blockSize - 1) / blockSize;
            for (long b = hiddenFrom; b < oldLeaves; b++) {
                leaves.put(b, leaf(view, ino, b, blockSize));
            }
            bases.put(ino, StreamUpdater.update(store, old, false, attr.size(), leaves).encode());
        }
        return bases;
    }

    private static byte[] leaf(FrozenTree view, long ino, long blockNo, int blockSize) throws IOException {
        byte[] leaf = new byte[blockSize];
        int n = view.read(ino, blockNo * blockSize, leaf, 0, blockSize);
        return n == blockSize ? leaf : java.util.Arrays.copyOf(leaf, n);
    }
}

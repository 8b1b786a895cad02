package org.ventifs.cache;

import java.nio.ByteBuffer;
import org.lmdbjava.Txn;

/**
 * The file data in the cache that no snapshot holds yet: every row of the {@code blocks}
 * table (retire removes the rows a snapshot archived), counted from one read view
 * (docs/cache-format.md, "Dirty data").
 *
 * @param blocks        dirty blocks
 * @param bytes         their data bytes, without the trailing zeros a block does not store
 * @param changedInodes rows of the {@code changed} table: inodes changed since the last
 *                      retired epoch (an inode changed in two unretired epochs counts twice)
 */
public record DirtyData(long blocks, long bytes, long changedInodes) {
    /**
     * Counts {@code db}'s dirty data as {@code txn} sees it. Only the B-tree's leaf pages are
     * read: a value's size comes from its leaf node, so a block on overflow pages is not touched.
     */
    static DirtyData count(CacheEnvironment db, Txn<ByteBuffer> txn) {
        long[] blocksAndBytes = new long[2];
        KeyScan.forEachView(db.blocks, txn, new byte[0], new byte[0], (key, value) -> {
            blocksAndBytes[0]++;
            blocksAndBytes[1] += DirtyBlock.dataLength(value);
            return true;
        });
        return new DirtyData(blocksAndBytes[0], blocksAndBytes[1], db.changed.stat(txn).entries);
    }
}

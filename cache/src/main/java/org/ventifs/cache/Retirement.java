package org.ventifs.cache;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.lmdbjava.Txn;

/**
 * Installing a frozen epoch's archived versions as bases, inside one write transaction:
 * the {@link Cache#retire} procedure of docs/cache-format.md.
 */
final class Retirement {
    private final CacheEnvironment db;
    private final TreeReader reader;
    private final FileContent content;
    private final long epoch;
    private final Map<Long, Long> sizesAtFreeze;
    private final Txn<ByteBuffer> txn;

    /** A retirement of {@code epoch}, given the frozen sizes of the inodes getting new bases. */
    Retirement(CacheEnvironment db, TreeReader reader, FileContent content, long epoch, Map<Long, Long> sizesAtFreeze,
               Txn<ByteBuffer> txn) {
        this.db = db;
        this.reader = reader;
        this.content = content;
        this.epoch = epoch;
        this.sizesAtFreeze = sizesAtFreeze;
        this.txn = txn;
    }

    /** Installs {@code newBases}, drops the epoch's blocks they cover, and forgets the epoch's changed set. */
    void retire(Map<Long, byte[]> newBases) {
        List<byte[]> changedKeys = new ArrayList<>();
        TreeSet<Long> changedInodes = new TreeSet<>();
        KeyScan.forEach(db.changed, txn, new byte[0], (k, v) -> {
            ChangedKey key = ChangedKey.decode(k);
            if (key.epoch() > epoch) {
                return false;
            }
            changedKeys.add(k);
            changedInodes.add(key.ino());
            return true;
        });
        for (long ino : changedInodes) {
            InodeRecord rec = reader.inodeOrNull(txn, ino);
            if (!newBases.containsKey(ino) && rec != null && rec.type() == FileType.REGULAR
                    && content.dirtyBlocks(txn, ino, epoch).length > 0) {
                throw new IllegalArgumentException("inode " + ino + " has dirty blocks in epoch " + epoch
                        + " but no new base; retiring it would lose them");
            }
        }
        for (Map.Entry<Long, byte[]> e : newBases.entrySet()) {
            install(e.getKey(), e.getValue());
        }
        for (byte[] k : changedKeys) {
            db.changed.delete(txn, k);
        }
    }

    private void install(long ino, byte[] base) {
        if (base.length == 0 || base.length > 0xffff) {
            throw new IllegalArgumentException("the base of inode " + ino + " is " + base.length
                    + " bytes; a base is 1 to 65535 bytes");
        }
        InodeRecord now = reader.inodeOrNull(txn, ino);
        if (now == null) {
            return; // deleted since the freeze
        }
        long valid = 0;
        if (now.type() == FileType.REGULAR) {
            valid = sizesAtFreeze.get(ino);
            if (now.shrinkEpoch() > epoch) {
                valid = Math.min(valid, now.shrinkMin());
            }
            content.deleteUpTo(txn, ino, epoch);
        }
        db.inodes.put(txn, LongKeys.of(ino), now.edit().base(base).baseValid(valid).build().encode());
    }
}

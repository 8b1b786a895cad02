package org.ventifs.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lmdbjava.Txn;

/**
 * Checks the raw tables of a cache against each other: every entry names a live inode, the
 * name index, entry list and reverse index agree, link counts match, blocks lie inside their
 * files with zeros past the end, and every named inode is reachable from the root.
 */
final class ConsistencyCheck {
    private ConsistencyCheck() {
    }

    /** Throws AssertionError naming the first inconsistency. */
    static void verify(Cache cache) throws IOException {
        CacheEnvironment db = cache.environment();
        try (Txn<ByteBuffer> txn = db.env.txnRead()) {
            CacheHeader header = db.header(txn);
            Map<Long, InodeRecord> inodes = new HashMap<>();
            KeyScan.forEach(db.inodes, txn, new byte[0], (k, v) -> {
                inodes.put(LongKeys.number(k, 0, "inode"), InodeRecord.decode(v));
                return true;
            });
            Map<Long, Integer> links = new HashMap<>();
            Map<Long, Integer> subdirs = new HashMap<>();
            Map<Long, List<Long>> children = new HashMap<>();
            int[] count = {0};
            KeyScan.forEach(db.dirents, txn, new byte[0], (k, v) -> {
                DirentKey key = DirentKey.decode(k);
                DirentValue d = DirentValue.decode(v);
                InodeRecord dir = inodes.get(key.dir());
                InodeRecord child = inodes.get(d.ino());
                check(dir != null && dir.type() == FileType.DIRECTORY, "entry in non-directory " + key);
                check(key.cookie() < dir.nextCookie(), "cookie " + key + " not below the next cookie");
                check(child != null, "entry " + d + " names a missing inode");
                check(child.type() == d.type(), "entry " + d + " has the wrong type");
                byte[] target = db.names.get(txn, new NameKey(key.dir(), d.name()).encode());
                check(target != null && NameTarget.decode(target).equals(new NameTarget(key.cookie(), d.ino())),
                        "name index disagrees with " + d);
                check(db.links.get(txn, new LinkKey(d.ino(), key.dir(), d.name()).encode()) != null,
                        "reverse index lacks " + d);
                links.merge(d.ino(), 1, Integer::sum);
                if (d.type() == FileType.DIRECTORY) {
                    subdirs.merge(key.dir(), 1, Integer::sum);
                }
                children.computeIfAbsent(key.dir(), x -> new ArrayList<>()).add(d.ino());
                count[0]++;
                return true;
            });
            check(db.names.stat(txn).entries == count[0], "name index and entries differ in number");
            check(db.links.stat(txn).entries == count[0], "reverse index and entries differ in number");
            Set<Long> orphans = new HashSet<>();
            KeyScan.forEach(db.orphans, txn, new byte[0], (k, v) -> {
                orphans.add(LongKeys.number(k, 0, "orphan"));
                return true;
            });
            for (Map.Entry<Long, InodeRecord> e : inodes.entrySet()) {
                long ino = e.getKey();
                InodeRecord rec = e.getValue();
                check(ino < header.nextIno(), "inode " + ino + " is not below the next inode number");
                int named = links.getOrDefault(ino, 0);
                if (rec.nlink() == 0) {
                    check(orphans.contains(ino) && named == 0, "unlinked inode " + ino + " is not an orphan");
                } else if (rec.type() == FileType.DIRECTORY) {
                    check(rec.nlink() == 2 + subdirs.getOrDefault(ino, 0), "directory " + ino + " link count");
                    check(named == (ino == Cache.ROOT ? 0 : 1), "directory " + ino + " named " + named + " times");
                } else {
                    check(rec.nlink() == named, "inode " + ino + " has nlink " + rec.nlink() + " but " + named + " names");
                }
                check(rec.baseValid() <= rec.size(), "inode " + ino + " shows base bytes past its size");
            }
            for (long ino : orphans) {
                check(inodes.containsKey(ino) && inodes.get(ino).nlink() == 0, "orphan " + ino + " is linked or gone");
            }
            int blockSize = header.blockSize();
            KeyScan.forEach(db.blocks, txn, new byte[0], (k, v) -> {
                BlockKey key = BlockKey.decode(k);
                InodeRecord rec = inodes.get(key.ino());
                check(rec != null && rec.type() == FileType.REGULAR, "block " + key + " of a missing or non-file inode");
                DirtyBlock b = DirtyBlock.decode(v);
                check(b.epoch() <= header.epoch(), "block " + key + " from a future epoch");
                check(b.data().length <= blockSize, "block " + key + " too long");
                check(key.blockNo() * blockSize + b.data().length <= rec.size(),
                        "block " + key + " holds bytes past the size " + rec.size());
                return true;
            });
            Set<Long> reached = new HashSet<>();
            ArrayDeque<Long> todo = new ArrayDeque<>(List.of(Cache.ROOT));
            while (!todo.isEmpty()) {
                long d = todo.pop();
                if (reached.add(d)) {
                    todo.addAll(children.getOrDefault(d, List.of()));
                }
            }
            for (long ino : inodes.keySet()) {
                check(reached.contains(ino) || orphans.contains(ino), "inode " + ino + " is unreachable");
            }
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("inconsistent cache: " + what);
        }
    }
}

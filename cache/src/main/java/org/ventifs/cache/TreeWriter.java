package org.ventifs.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import org.lmdbjava.Txn;

/**
 * The changes one operation makes to the tree, inside one LMDB write transaction. Every
 * change marks the inodes it touches in the {@code changed} table under the current epoch.
 * Checks come before changes, so an operation that fails has written nothing.
 */
final class TreeWriter {
    /** The most links an inode may have (as ext4). */
    static final int LINK_MAX = 65000;
    /** The longest symbolic link target in bytes. */
    static final int SYMLINK_MAX = 4095;
    /** The largest extended attribute value, and the most bytes of attributes one inode may hold. */
    static final int XATTR_MAX = 65536;
    private static final byte[] PRESENT = {0};

    private final CacheEnvironment db;
    private final TreeReader reader;
    private final FileContent content;
    private final Txn<ByteBuffer> txn;
    private final long now;
    private final LongPredicate isOpen;
    private CacheHeader header;
    /** The records this operation has read or written (null: none), so each is read from LMDB once. */
    private final Map<Long, InodeRecord> records = new HashMap<>();
    /** The inodes already marked in {@code changed}. */
    private final Set<Long> touched = new HashSet<>();

    TreeWriter(CacheEnvironment db, TreeReader reader, FileContent content, Txn<ByteBuffer> txn, CacheHeader header,
               long nowNs, LongPredicate isOpen) {
        this.db = db;
        this.reader = reader;
        this.content = content;
        this.txn = txn;
        this.header = header;
        this.now = nowNs;
        this.isOpen = isOpen;
    }

    /** The header as this operation leaves it. */
    CacheHeader header() {
        return header;
    }

    /** Creates an inode of {@code type} named {@code name} in {@code parent}. @throws ErrnoException EEXIST, ENOENT, ENOTDIR, EMLINK */
    Attr make(long parent, String name, FileType type, int perm, int uid, int gid, long rdev, byte[] target)
            throws ErrnoException {
        TreeReader.checkName(name);
        InodeRecord dir = liveDirectory(parent);
        if (reader.entry(txn, parent, name) != null) {
            throw new ErrnoException(Errno.EEXIST, TreeReader.quoted(name) + " exists in directory " + parent);
        }
        boolean isDir = type == FileType.DIRECTORY;
        if (isDir && dir.nlink() >= LINK_MAX) {
            throw new ErrnoException(Errno.EMLINK, "directory " + parent + " has too many subdirectories");
        }
        int mode = perm & 07777;
        if ((dir.perm() & 02000) != 0) {
            gid = dir.gid();
            if (isDir) {
                mode |= 02000;
            }
        }
        long ino = header.nextIno();
        header = header.withNextIno(ino + 1);
        InodeRecord rec = InodeRecord.fresh(type, mode, uid, gid, isDir ? 2 : 1, header.generation(), now, rdev, target);
        putInode(ino, rec);
        addEntry(parent, name, ino, type);
        return rec.attr(ino);
    }

    /** Adds a link {@code newName} in {@code newParent} to {@code ino}. @throws ErrnoException EPERM for a directory, EEXIST, EMLINK */
    Attr link(long ino, long newParent, String newName) throws ErrnoException {
        TreeReader.checkName(newName);
        InodeRecord rec = inode(ino);
        if (rec.type() == FileType.DIRECTORY) {
            throw new ErrnoException(Errno.EPERM, "inode " + ino + " is a directory; directories take no hard links");
        }
        if (rec.nlink() == 0) {
            throw new ErrnoException(Errno.ENOENT, "inode " + ino + " has been unlinked; it cannot be linked again");
        }
        if (rec.nlink() >= LINK_MAX) {
            throw new ErrnoException(Errno.EMLINK, "inode " + ino + " has " + rec.nlink() + " links already");
        }
        liveDirectory(newParent);
        if (reader.entry(txn, newParent, newName) != null) {
            throw new ErrnoException(Errno.EEXIST, TreeReader.quoted(newName) + " exists in directory " + newParent);
        }
        addEntry(newParent, newName, ino, rec.type());
        InodeRecord linked = rec.edit().nlink(rec.nlink() + 1).ctime(now).build();
        putInode(ino, linked);
        return linked.attr(ino);
    }

    /** Removes the non-directory {@code name} from {@code parent}. @throws ErrnoException ENOENT, EISDIR */
    void unlink(long parent, String name) throws ErrnoException {
        NameTarget t = existing(parent, name);
        InodeRecord rec = inode(t.ino());
        if (rec.type() == FileType.DIRECTORY) {
            throw new ErrnoException(Errno.EISDIR, TreeReader.quoted(name) + " in directory " + parent + " is a directory");
        }
        removeEntry(parent, name, t, false);
        dropLink(t.ino());
    }

    /** Removes the empty directory {@code name} from {@code parent}. @throws ErrnoException ENOENT, ENOTDIR, ENOTEMPTY */
    void rmdir(long parent, String name) throws ErrnoException {
        NameTarget t = existing(parent, name);
        InodeRecord rec = inode(t.ino());
        if (rec.type() != FileType.DIRECTORY) {
            throw new ErrnoException(Errno.ENOTDIR, TreeReader.quoted(name) + " in directory " + parent + " is not a directory");
        }
        if (!reader.isEmpty(txn, t.ino())) {
            throw new ErrnoException(Errno.ENOTEMPTY, "directory " + TreeReader.quoted(name) + " is not empty");
        }
        removeEntry(parent, name, t, true);
        unlinkedDirectory(t.ino());
    }

    /**
     * Moves {@code name} in {@code parent} to {@code newName} in {@code newParent}, replacing
     * what is there as rename(2) does. @throws ErrnoException ENOENT, EINVAL (a directory into
     * itself), ENOTDIR, EISDIR, ENOTEMPTY, EMLINK
     */
    void rename(long parent, String name, long newParent, String newName) throws ErrnoException {
        TreeReader.checkName(newName);
        NameTarget src = existing(parent, name);
        InodeRecord newDir = liveDirectory(newParent);
        InodeRecord srcRec = inode(src.ino());
        boolean srcIsDir = srcRec.type() == FileType.DIRECTORY;
        if (srcIsDir && newParent != parent) {
            for (long d = newParent; ; d = parentOf(d)) {
                if (d == src.ino()) {
                    throw new ErrnoException(Errno.EINVAL, "cannot move directory " + src.ino() + " into itself");
                }
                if (d == TreeReader.ROOT) {
                    break;
                }
            }
        }
        NameTarget dst = reader.entry(txn, newParent, newName);
        if (dst != null && dst.ino() == src.ino()) {
            return; // the same inode under both names: rename(2) does nothing
        }
        boolean dstIsDir = false;
        if (dst != null) {
            dstIsDir = inode(dst.ino()).type() == FileType.DIRECTORY;
            if (srcIsDir && !dstIsDir) {
                throw new ErrnoException(Errno.ENOTDIR, TreeReader.quoted(newName) + " is not a directory");
            }
            if (!srcIsDir && dstIsDir) {
                throw new ErrnoException(Errno.EISDIR, TreeReader.quoted(newName) + " is a directory");
            }
            if (dstIsDir && !reader.isEmpty(txn, dst.ino())) {
                throw new ErrnoException(Errno.ENOTEMPTY, "directory " + TreeReader.quoted(newName) + " is not empty");
            }
        } else if (srcIsDir && newParent != parent && newDir.nlink() >= LINK_MAX) {
            throw new ErrnoException(Errno.EMLINK, "directory " + newParent + " has too many subdirectories");
        }
        if (dst != null) {
            removeEntry(newParent, newName, dst, dstIsDir);
            if (dstIsDir) {
                unlinkedDirectory(dst.ino());
            } else {
                dropLink(dst.ino());
            }
        }
        removeEntry(parent, name, src, srcIsDir);
        addEntry(newParent, newName, src.ino(), srcRec.type());
        putInode(src.ino(), inode(src.ino()).edit().ctime(now).build());
    }

    /** Changes attributes as {@code change} says; sets ctime. @throws ErrnoException EISDIR/EINVAL when sizing a non-file */
    Attr setattr(long ino, AttrChange change) throws ErrnoException {
        InodeRecord rec = inode(ino);
        if (change.hasSize()) {
            rec = regularFile(ino);
            rec = content.truncate(txn, ino, rec, header.epoch(), change.size());
        }
        InodeRecord.Edit e = rec.edit().ctime(change.ctime(now));
        if (change.hasSize()) {
            e.mtime(now);
        }
        if (change.hasPerm()) {
            e.perm(change.perm());
        }
        if (change.hasUid()) {
            e.uid(change.uid());
        }
        if (change.hasGid()) {
            e.gid(change.gid());
        }
        if (change.hasAtime()) {
            e.atime(change.atime(now));
        }
        if (change.hasMtime()) {
            e.mtime(change.mtime(now));
        }
        InodeRecord changed = e.build();
        putInode(ino, changed);
        return changed.attr(ino);
    }

    /** Writes to regular file {@code ino}; sets mtime and ctime. @throws IOException EISDIR, EINVAL, EFBIG, or a Venti error */
    int write(long ino, long offset, byte[] src, int srcOffset, int length) throws IOException {
        InodeRecord rec = regularFile(ino);
        if (offset < 0 || length < 0) {
            throw new ErrnoException(Errno.EINVAL, "negative offset or length writing inode " + ino);
        }
        if (length == 0) {
            return 0;
        }
        rec = content.write(txn, ino, rec, header.epoch(), offset, src, srcOffset, length);
        putInode(ino, rec.edit().modified(now).build());
        return length;
    }

    /** Sets attribute {@code name}. @throws ErrnoException EEXIST, ENODATA (per {@code mode}), ERANGE, E2BIG, ENOSPC */
    void setxattr(long ino, String name, byte[] value, XattrMode mode) throws ErrnoException {
        int nameLength = name.getBytes(StandardCharsets.UTF_8).length;
        if (nameLength == 0 || nameLength > TreeReader.NAME_MAX) {
            throw new ErrnoException(Errno.ERANGE, "attribute name must be 1 to 255 bytes");
        }
        if (value.length > XATTR_MAX) {
            throw new ErrnoException(Errno.E2BIG, "attribute value of " + value.length + " bytes exceeds " + XATTR_MAX);
        }
        InodeRecord rec = inode(ino);
        boolean exists = rec.xattrs().containsKey(name);
        if (mode == XattrMode.CREATE && exists) {
            throw new ErrnoException(Errno.EEXIST, "inode " + ino + " has attribute " + TreeReader.quoted(name));
        }
        if (mode == XattrMode.REPLACE && !exists) {
            throw new ErrnoException(Errno.ENODATA, "inode " + ino + " has no attribute " + TreeReader.quoted(name));
        }
        TreeMap<String, byte[]> xattrs = new TreeMap<>(rec.xattrs());
        xattrs.put(name, value.clone());
        long total = 0;
        for (var x : xattrs.entrySet()) {
            total += x.getKey().getBytes(StandardCharsets.UTF_8).length + x.getValue().length;
        }
        if (total > XATTR_MAX) {
            throw new ErrnoException(Errno.ENOSPC, "inode " + ino + " would hold more than " + XATTR_MAX
                    + " bytes of extended attributes");
        }
        putInode(ino, rec.edit().xattrs(xattrs).ctime(now).build());
    }

    /** Removes attribute {@code name}. @throws ErrnoException ENODATA when absent */
    void removexattr(long ino, String name) throws ErrnoException {
        InodeRecord rec = inode(ino);
        if (!rec.xattrs().containsKey(name)) {
            throw new ErrnoException(Errno.ENODATA, "inode " + ino + " has no attribute " + TreeReader.quoted(name));
        }
        TreeMap<String, byte[]> xattrs = new TreeMap<>(rec.xattrs());
        xattrs.remove(name);
        putInode(ino, rec.edit().xattrs(xattrs).ctime(now).build());
    }

    /** Deletes {@code ino} with its blocks when no directory entry names it any more (an orphan at its last close). */
    void deleteIfUnlinked(long ino) {
        InodeRecord rec = inodeOrNull(ino);
        if (rec != null && rec.nlink() == 0) {
            deleteInode(ino);
        }
    }

    /** Deletes every orphan: the inodes left unlinked but open when the process ended. */
    void deleteOrphans() {
        java.util.List<Long> orphans = new java.util.ArrayList<>();
        KeyScan.forEach(db.orphans, txn, new byte[0], (k, v) -> orphans.add(LongKeys.number(k, 0, "orphan")));
        for (long ino : orphans) {
            deleteInode(ino);
        }
    }

    /** Deletes {@code ino}, its blocks and its orphan mark. */
    void deleteInode(long ino) {
        db.inodes.delete(txn, LongKeys.of(ino));
        records.put(ino, null);
        content.deleteAll(txn, ino);
        db.orphans.delete(txn, LongKeys.of(ino));
        touch(ino);
    }

    private NameTarget existing(long parent, String name) throws ErrnoException {
        TreeReader.checkName(name);
        directory(parent);
        NameTarget t = reader.entry(txn, parent, name);
        if (t == null) {
            throw new ErrnoException(Errno.ENOENT, "no entry " + TreeReader.quoted(name) + " in directory " + parent);
        }
        return t;
    }

    /** A directory that may take new entries: it exists and has not been removed. */
    private InodeRecord liveDirectory(long dir) throws ErrnoException {
        InodeRecord rec = directory(dir);
        if (rec.nlink() == 0) {
            throw new ErrnoException(Errno.ENOENT, "directory " + dir + " has been removed");
        }
        return rec;
    }

    private long parentOf(long dir) {
        return reader.links(txn, dir).get(0).parent();
    }

    private void addEntry(long dir, String name, long ino, FileType type) throws ErrnoException {
        InodeRecord d = inode(dir);
        long cookie = d.nextCookie();
        db.dirents.put(txn, new DirentKey(dir, cookie).encode(), new DirentValue(ino, type, name).encode());
        db.names.put(txn, new NameKey(dir, name).encode(), new NameTarget(cookie, ino).encode());
        db.links.put(txn, new LinkKey(ino, dir, name).encode(), PRESENT);
        int nlink = d.nlink() + (type == FileType.DIRECTORY ? 1 : 0);
        putInode(dir, d.edit().nextCookie(cookie + 1).nlink(nlink).modified(now).build());
    }

    private void removeEntry(long dir, String name, NameTarget t, boolean isDir) throws ErrnoException {
        db.dirents.delete(txn, new DirentKey(dir, t.cookie()).encode());
        db.names.delete(txn, new NameKey(dir, name).encode());
        db.links.delete(txn, new LinkKey(t.ino(), dir, name).encode());
        InodeRecord d = inode(dir);
        putInode(dir, d.edit().nlink(d.nlink() - (isDir ? 1 : 0)).modified(now).build());
    }

    /** One link fewer for a non-directory; at none it becomes an orphan while open, else goes. */
    private void dropLink(long ino) throws ErrnoException {
        InodeRecord rec = inode(ino);
        InodeRecord dropped = rec.edit().nlink(rec.nlink() - 1).ctime(now).build();
        if (dropped.nlink() > 0) {
            putInode(ino, dropped);
        } else {
            dispose(ino, dropped);
        }
    }

    private void unlinkedDirectory(long ino) throws ErrnoException {
        dispose(ino, inode(ino).edit().nlink(0).ctime(now).build());
    }

    private void dispose(long ino, InodeRecord unlinked) {
        if (isOpen.test(ino)) {
            putInode(ino, unlinked);
            db.orphans.put(txn, LongKeys.of(ino), PRESENT);
        } else {
            deleteInode(ino);
        }
    }

    private void putInode(long ino, InodeRecord rec) {
        db.inodes.put(txn, LongKeys.of(ino), rec.encode());
        records.put(ino, rec);
        touch(ino);
    }

    /** Marks {@code ino} changed in this epoch; a mark already there is left alone (reading is cheaper than rewriting). */
    private void touch(long ino) {
        if (touched.add(ino)) {
            byte[] key = new ChangedKey(header.epoch(), ino).encode();
            if (db.changed.view(txn, key) == null) {
                db.changed.put(txn, key, PRESENT);
            }
        }
    }

    private InodeRecord inodeOrNull(long ino) {
        if (records.containsKey(ino)) {
            return records.get(ino);
        }
        InodeRecord rec = reader.inodeOrNull(txn, ino);
        records.put(ino, rec);
        return rec;
    }

    private InodeRecord inode(long ino) throws ErrnoException {
        return TreeReader.requireInode(ino, inodeOrNull(ino));
    }

    private InodeRecord directory(long dir) throws ErrnoException {
        return TreeReader.requireDirectory(dir, inode(dir));
    }

    private InodeRecord regularFile(long ino) throws ErrnoException {
        return TreeReader.requireRegularFile(ino, inode(ino));
    }
}

package org.ventifs.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.lmdbjava.Txn;

/**
 * The read side of the tree, over any transaction: the active tree reads through a fresh
 * read transaction, a frozen view through the one pinned at its freeze.
 */
final class TreeReader {
    /** The longest name in bytes. */
    static final int NAME_MAX = 255;
    /** The root directory's inode number. */
    static final long ROOT = 1;

    private final CacheEnvironment db;
    private final FileContent content;

    /** A step reading through one transaction. */
    interface Step<R> {
        R apply(Txn<ByteBuffer> txn) throws IOException;
    }

    /** Runs {@code step} on {@code txn}, turning undecodable bytes into EIO. */
    static <R> R run(Txn<ByteBuffer> txn, Step<R> step) throws IOException {
        try {
            return step.apply(txn);
        } catch (CorruptRecordException e) {
            throw corrupt(e);
        }
    }

    /** The error an undecodable record becomes. */
    static ErrnoException corrupt(CorruptRecordException e) {
        return new ErrnoException(Errno.EIO, "the cache is corrupt: " + e.getMessage());
    }

    TreeReader(CacheEnvironment db, FileContent content) {
        this.db = db;
        this.content = content;
    }

    /** The record of {@code ino}. @throws ErrnoException ENOENT when there is no such inode */
    InodeRecord inode(Txn<ByteBuffer> txn, long ino) throws ErrnoException {
        return requireInode(ino, inodeOrNull(txn, ino));
    }

    /** Returns {@code rec}, the record of {@code ino} or null. @throws ErrnoException ENOENT when null */
    static InodeRecord requireInode(long ino, InodeRecord rec) throws ErrnoException {
        if (rec == null) {
            throw new ErrnoException(Errno.ENOENT, "no inode " + ino);
        }
        return rec;
    }

    InodeRecord inodeOrNull(Txn<ByteBuffer> txn, long ino) {
        byte[] bytes = db.inodes.get(txn, LongKeys.of(ino));
        return bytes == null ? null : InodeRecord.decode(bytes);
    }

    /** The record of directory {@code dir}. @throws ErrnoException ENOENT, or ENOTDIR when it is no directory */
    InodeRecord directory(Txn<ByteBuffer> txn, long dir) throws ErrnoException {
        return requireDirectory(dir, inode(txn, dir));
    }

    /** Returns {@code rec}, the record of {@code dir}, when it is a directory. @throws ErrnoException ENOTDIR */
    static InodeRecord requireDirectory(long dir, InodeRecord rec) throws ErrnoException {
        if (rec.type() != FileType.DIRECTORY) {
            throw new ErrnoException(Errno.ENOTDIR, "inode " + dir + " is not a directory");
        }
        return rec;
    }

    /** The entry {@code name} of {@code dir}, or null. */
    NameTarget entry(Txn<ByteBuffer> txn, long dir, String name) {
        byte[] value = db.names.get(txn, new NameKey(dir, name).encode());
        return value == null ? null : NameTarget.decode(value);
    }

    /** The attributes of what {@code name} in {@code dir} names. @throws ErrnoException ENOENT, ENOTDIR, EINVAL */
    Attr lookup(Txn<ByteBuffer> txn, long dir, String name) throws ErrnoException {
        checkName(name);
        directory(txn, dir);
        NameTarget target = entry(txn, dir, name);
        if (target == null) {
            throw new ErrnoException(Errno.ENOENT, "no entry " + quoted(name) + " in directory " + dir);
        }
        return inode(txn, target.ino()).attr(target.ino());
    }

    /** Up to {@code max} entries of {@code dir} after cookie {@code offset}, in cookie order. */
    List<DirEntry> readdir(Txn<ByteBuffer> txn, long dir, long offset, int max) throws ErrnoException {
        directory(txn, dir);
        List<DirEntry> out = new ArrayList<>();
        if (max <= 0) {
            return out;
        }
        long from = Math.max(offset + 1, DirentKey.FIRST_COOKIE);
        KeyScan.forEach(db.dirents, txn, LongKeys.of(dir), new DirentKey(dir, from).encode(), (k, v) -> {
            DirentValue d = DirentValue.decode(v);
            out.add(new DirEntry(d.name(), d.ino(), d.type(), DirentKey.decode(k).cookie()));
            return out.size() < max;
        });
        return out;
    }

    /** Whether {@code dir} has no entries. */
    boolean isEmpty(Txn<ByteBuffer> txn, long dir) {
        return !KeyScan.any(db.names, txn, LongKeys.of(dir));
    }

    /** Reads a regular file. @throws ErrnoException EISDIR for a directory, EINVAL for other non-files */
    int read(Txn<ByteBuffer> txn, long ino, long offset, byte[] dst, int dstOffset, int length) throws IOException {
        BaseReads later = new BaseReads();
        int n = read(txn, ino, offset, dst, dstOffset, length, later);
        content.readBases(later);
        return n;
    }

    /** As {@link #read}, leaving the parts that come from the base to {@code later} (see {@link BaseReads}). */
    int read(Txn<ByteBuffer> txn, long ino, long offset, byte[] dst, int dstOffset, int length, BaseReads later)
            throws IOException {
        InodeRecord rec = regularFile(txn, ino);
        if (offset < 0 || length < 0) {
            throw new ErrnoException(Errno.EINVAL, "negative offset or length reading inode " + ino);
        }
        return content.read(txn, ino, rec, offset, dst, dstOffset, length, later);
    }

    /** Reads the base ranges {@code later} collected, after the transaction. */
    void readBases(BaseReads later) throws IOException {
        content.readBases(later);
    }

    /** The record of regular file {@code ino}. @throws ErrnoException ENOENT, EISDIR, EINVAL */
    InodeRecord regularFile(Txn<ByteBuffer> txn, long ino) throws ErrnoException {
        return requireRegularFile(ino, inode(txn, ino));
    }

    /** Returns {@code rec}, the record of {@code ino}, when it is a regular file. @throws ErrnoException EISDIR, EINVAL */
    static InodeRecord requireRegularFile(long ino, InodeRecord rec) throws ErrnoException {
        if (rec.type() == FileType.DIRECTORY) {
            throw new ErrnoException(Errno.EISDIR, "inode " + ino + " is a directory");
        }
        if (rec.type() != FileType.REGULAR) {
            throw new ErrnoException(Errno.EINVAL, "inode " + ino + " is a " + rec.type() + ", not a regular file");
        }
        return rec;
    }

    /** A symbolic link's target. @throws ErrnoException EINVAL when {@code ino} is no symbolic link */
    String readlink(Txn<ByteBuffer> txn, long ino) throws ErrnoException {
        InodeRecord rec = inode(txn, ino);
        if (rec.type() != FileType.SYMLINK) {
            throw new ErrnoException(Errno.EINVAL, "inode " + ino + " is not a symbolic link");
        }
        return new String(rec.target(), StandardCharsets.UTF_8);
    }

    /** The value of attribute {@code name}. @throws ErrnoException ENODATA when absent */
    byte[] getxattr(Txn<ByteBuffer> txn, long ino, String name) throws ErrnoException {
        byte[] value = inode(txn, ino).xattrs().get(name);
        if (value == null) {
            throw new ErrnoException(Errno.ENODATA, "inode " + ino + " has no attribute " + quoted(name));
        }
        return value.clone();
    }

    /** The names of {@code ino}'s extended attributes, in name order. */
    List<String> listxattr(Txn<ByteBuffer> txn, long ino) throws ErrnoException {
        return List.copyOf(inode(txn, ino).xattrs().keySet());
    }

    /** The directory entries naming {@code ino}, as (parent, name) links, in key order. */
    List<LinkKey> links(Txn<ByteBuffer> txn, long ino) {
        List<LinkKey> out = new ArrayList<>();
        KeyScan.forEach(db.links, txn, LongKeys.of(ino), (k, v) -> out.add(LinkKey.decode(k)));
        return out;
    }

    /** As {@link #links}, as the public {@link Link} records. */
    List<Link> publicLinks(Txn<ByteBuffer> txn, long ino) {
        List<Link> out = new ArrayList<>();
        for (LinkKey k : links(txn, ino)) {
            out.add(new Link(k.parent(), k.name()));
        }
        return out;
    }

    /** Fails unless {@code name} can name a directory entry. @throws ErrnoException EINVAL, ENAMETOOLONG */
    static void checkName(String name) throws ErrnoException {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new ErrnoException(Errno.EINVAL, "invalid name " + quoted(name));
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
            throw new ErrnoException(Errno.ENAMETOOLONG, "name longer than " + NAME_MAX + " bytes: "
                    + quoted(name.substring(0, 40)) + "...");
        }
    }

    static String quoted(String name) {
        return "\"" + name + "\"";
    }
}

package org.ventifs.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The value of the {@code inodes} table: everything about one inode except its directory
 * entries and dirty blocks. Layout in docs/cache-format.md ("inodes").
 *
 * @param base the vac entry (or a directory's entry pair) of the last archived version; empty when none
 * @param baseValid bytes at the start of the base that still show through (truncations lower it)
 * @param shrinkEpoch the epoch of the last truncation, 0 when none
 * @param shrinkMin the smallest size a truncation left during {@code shrinkEpoch}
 * @param target a symbolic link's target; empty for other types
 * @param xattrs extended attributes by name, in name order (unmodifiable)
 */
record InodeRecord(FileType type, int perm, int uid, int gid, int nlink, int generation, long size,
                   long atimeNs, long mtimeNs, long ctimeNs, long rdev, long nextCookie,
                   long baseValid, long shrinkEpoch, long shrinkMin, byte[] base, byte[] target,
                   SortedMap<String, byte[]> xattrs) {
    /** Bytes before the variable-length fields. */
    static final int FIXED_SIZE = 92;

    InodeRecord {
        xattrs = Collections.unmodifiableSortedMap(new TreeMap<>(xattrs));
    }

    /** A new inode of {@code type} with no content, no base and no attributes. */
    static InodeRecord fresh(FileType type, int perm, int uid, int gid, int nlink, int generation,
                             long nowNs, long rdev, byte[] target) {
        return new InodeRecord(type, perm, uid, gid, nlink, generation, target.length, nowNs, nowNs, nowNs,
                rdev, DirentKey.FIRST_COOKIE, 0, 0, 0, new byte[0], target, new TreeMap<>());
    }

    /** The attributes {@code stat} shows for this record as inode {@code ino}. */
    Attr attr(long ino) {
        return new Attr(ino, type, perm, uid, gid, size, nlink, atimeNs, mtimeNs, ctimeNs, rdev, generation);
    }

    /** Whether this inode has a base (an archived version). */
    boolean hasBase() {
        return base.length > 0;
    }

    /** A builder starting from this record's fields. */
    Edit edit() {
        return new Edit(this);
    }

    /** Encodes the record as the {@code inodes} table stores it. */
    byte[] encode() {
        int length = FIXED_SIZE + 2 + base.length + 2 + target.length + 2;
        for (Map.Entry<String, byte[]> x : xattrs.entrySet()) {
            length += 1 + x.getKey().getBytes(StandardCharsets.UTF_8).length + 4 + x.getValue().length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        out.put((byte) type.code()).put((byte) 0).putShort((short) perm).putInt(uid).putInt(gid)
                .putInt(nlink).putInt(generation).putLong(size).putLong(atimeNs).putLong(mtimeNs)
                .putLong(ctimeNs).putLong(rdev).putLong(nextCookie).putLong(baseValid)
                .putLong(shrinkEpoch).putLong(shrinkMin);
        out.putShort((short) base.length).put(base);
        out.putShort((short) target.length).put(target);
        out.putShort((short) xattrs.size());
        for (Map.Entry<String, byte[]> x : xattrs.entrySet()) {
            byte[] name = x.getKey().getBytes(StandardCharsets.UTF_8);
            out.put((byte) name.length).put(name).putInt(x.getValue().length).put(x.getValue());
        }
        return out.array();
    }

    /** Decodes what {@link #encode()} wrote. @throws CorruptRecordException when the bytes are not a record */
    static InodeRecord decode(byte[] bytes) {
        return Decoding.run("inode record", () -> {
            ByteBuffer in = Decoding.reader(bytes, FIXED_SIZE + 6, "inode record");
            FileType type = typeOf(in.get());
            if (in.get() != 0) {
                throw new CorruptRecordException("inode record has a non-zero reserved byte");
            }
            int perm = in.getShort() & 0xffff;
            if ((perm & ~07777) != 0) {
                throw new CorruptRecordException("inode record has permission bits " + Integer.toOctalString(perm));
            }
            int uid = in.getInt();
            int gid = in.getInt();
            int nlink = in.getInt();
            int generation = in.getInt();
            long size = in.getLong();
            long atime = in.getLong();
            long mtime = in.getLong();
            long ctime = in.getLong();
            long rdev = in.getLong();
            long nextCookie = in.getLong();
            long baseValid = in.getLong();
            long shrinkEpoch = in.getLong();
            long shrinkMin = in.getLong();
            byte[] base = Decoding.take(in, in.getShort() & 0xffff, "inode base");
            byte[] target = Decoding.take(in, in.getShort() & 0xffff, "inode symlink target");
            int count = in.getShort() & 0xffff;
            TreeMap<String, byte[]> xattrs = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                String name = new String(Decoding.take(in, in.get() & 0xff, "xattr name"), StandardCharsets.UTF_8);
                xattrs.put(name, Decoding.take(in, in.getInt(), "xattr value"));
            }
            Decoding.requireEnd(in, "inode record");
            return new InodeRecord(type, perm, uid, gid, nlink, generation, size, atime, mtime, ctime, rdev,
                    nextCookie, baseValid, shrinkEpoch, shrinkMin, base, target, xattrs);
        });
    }

    private static FileType typeOf(byte code) {
        try {
            return FileType.ofCode(code);
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException("inode record has unknown type code " + code);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InodeRecord other && Arrays.equals(encode(), other.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "InodeRecord[" + type + " perm=" + Integer.toOctalString(perm) + " nlink=" + nlink
                + " size=" + size + " base=" + base.length + "B valid=" + baseValid + "]";
    }

    /** A mutable copy of a record's fields, for building the next version of it. */
    static final class Edit {
        private FileType type;
        private int perm;
        private int uid;
        private int gid;
        private int nlink;
        private int generation;
        private long size;
        private long atimeNs;
        private long mtimeNs;
        private long ctimeNs;
        private long rdev;
        private long nextCookie;
        private long baseValid;
        private long shrinkEpoch;
        private long shrinkMin;
        private byte[] base;
        private byte[] target;
        private SortedMap<String, byte[]> xattrs;

        private Edit(InodeRecord r) {
            type = r.type;
            perm = r.perm;
            uid = r.uid;
            gid = r.gid;
            nlink = r.nlink;
            generation = r.generation;
            size = r.size;
            atimeNs = r.atimeNs;
            mtimeNs = r.mtimeNs;
            ctimeNs = r.ctimeNs;
            rdev = r.rdev;
            nextCookie = r.nextCookie;
            baseValid = r.baseValid;
            shrinkEpoch = r.shrinkEpoch;
            shrinkMin = r.shrinkMin;
            base = r.base;
            target = r.target;
            xattrs = r.xattrs;
        }

        Edit perm(int v) { perm = v; return this; }
        Edit uid(int v) { uid = v; return this; }
        Edit gid(int v) { gid = v; return this; }
        Edit nlink(int v) { nlink = v; return this; }
        Edit size(long v) { size = v; return this; }
        Edit atime(long v) { atimeNs = v; return this; }
        Edit mtime(long v) { mtimeNs = v; return this; }
        Edit ctime(long v) { ctimeNs = v; return this; }
        Edit nextCookie(long v) { nextCookie = v; return this; }
        Edit baseValid(long v) { baseValid = v; return this; }
        Edit base(byte[] v) { base = v.clone(); return this; }
        Edit shrink(long epoch, long min) { shrinkEpoch = epoch; shrinkMin = min; return this; }
        Edit xattrs(SortedMap<String, byte[]> v) { xattrs = v; return this; }

        /** Sets mtime and ctime to {@code nowNs}, as a change of content does. */
        Edit modified(long nowNs) {
            mtimeNs = nowNs;
            ctimeNs = nowNs;
            return this;
        }

        InodeRecord build() {
            return new InodeRecord(type, perm, uid, gid, nlink, generation, size, atimeNs, mtimeNs, ctimeNs,
                    rdev, nextCookie, baseValid, shrinkEpoch, shrinkMin, base, target, xattrs);
        }
    }
}

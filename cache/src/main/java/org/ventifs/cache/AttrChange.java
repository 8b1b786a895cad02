package org.ventifs.cache;

/**
 * What a {@code setattr} changes; an immutable value built from {@link #none()} with the
 * {@code with...} methods. Fields left unset are not changed ("omit"). The status change
 * time is set to now when anything changes, unless given (a kernel that caches times
 * itself, as FUSE's writeback cache does, hands over the times it showed).
 */
public final class AttrChange {
    /** A time value meaning "the current time" ({@code UTIME_NOW}). */
    public static final long NOW = Long.MIN_VALUE;
    private static final long OMIT = Long.MIN_VALUE + 1;

    private final int perm;
    private final int uid;
    private final int gid;
    private final long size;
    private final long atimeNs;
    private final long mtimeNs;
    private final long ctimeNs;

    private AttrChange(int perm, int uid, int gid, long size, long atimeNs, long mtimeNs, long ctimeNs) {
        this.perm = perm;
        this.uid = uid;
        this.gid = gid;
        this.size = size;
        this.atimeNs = atimeNs;
        this.mtimeNs = mtimeNs;
        this.ctimeNs = ctimeNs;
    }

    /** A change that changes nothing. */
    public static AttrChange none() {
        return new AttrChange(-1, -1, -1, -1, OMIT, OMIT, OMIT);
    }

    /** Also sets the permission bits to {@code perm & 07777} (type bits in {@code perm} are ignored). */
    public AttrChange withPerm(int perm) {
        return new AttrChange(perm & 07777, uid, gid, size, atimeNs, mtimeNs, ctimeNs);
    }

    /** Also sets the owner ({@code uid >= 0}). */
    public AttrChange withUid(int uid) {
        return new AttrChange(perm, requireId(uid), gid, size, atimeNs, mtimeNs, ctimeNs);
    }

    /** Also sets the group ({@code gid >= 0}). */
    public AttrChange withGid(int gid) {
        return new AttrChange(perm, uid, requireId(gid), size, atimeNs, mtimeNs, ctimeNs);
    }

    /** Also truncates or extends the file to {@code size} bytes, which sets mtime to now unless given. */
    public AttrChange withSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        return new AttrChange(perm, uid, gid, size, atimeNs, mtimeNs, ctimeNs);
    }

    /** Also sets the access time, in nanoseconds since 1970 or {@link #NOW}. */
    public AttrChange withAtime(long atimeNs) {
        return new AttrChange(perm, uid, gid, size, atimeNs, mtimeNs, ctimeNs);
    }

    /** Also sets the modification time, in nanoseconds since 1970 or {@link #NOW}. */
    public AttrChange withMtime(long mtimeNs) {
        return new AttrChange(perm, uid, gid, size, atimeNs, mtimeNs, ctimeNs);
    }

    /** Also sets the status change time, in nanoseconds since 1970 or {@link #NOW}. */
    public AttrChange withCtime(long ctimeNs) {
        return new AttrChange(perm, uid, gid, size, atimeNs, mtimeNs, ctimeNs);
    }

    boolean hasPerm() {
        return perm >= 0;
    }

    int perm() {
        return perm;
    }

    boolean hasUid() {
        return uid >= 0;
    }

    int uid() {
        return uid;
    }

    boolean hasGid() {
        return gid >= 0;
    }

    int gid() {
        return gid;
    }

    boolean hasSize() {
        return size >= 0;
    }

    long size() {
        return size;
    }

    boolean hasAtime() {
        return atimeNs != OMIT;
    }

    /** The access time to set, with {@link #NOW} replaced by {@code nowNs}. */
    long atime(long nowNs) {
        return atimeNs == NOW ? nowNs : atimeNs;
    }

    boolean hasMtime() {
        return mtimeNs != OMIT;
    }

    /** The modification time to set, with {@link #NOW} replaced by {@code nowNs}. */
    long mtime(long nowNs) {
        return mtimeNs == NOW ? nowNs : mtimeNs;
    }

    /** The status change time to set: the one given, else {@code nowNs}. */
    long ctime(long nowNs) {
        return ctimeNs == NOW || ctimeNs == OMIT ? nowNs : ctimeNs;
    }

    private static int requireId(int id) {
        if (id < 0) {
            throw new IllegalArgumentException("negative user or group id " + id);
        }
        return id;
    }

    @Override
    public String toString() {
        return "AttrChange[perm=" + (hasPerm() ? Integer.toOctalString(perm) : "-") + " uid=" + uid
                + " gid=" + gid + " size=" + size + " atime=" + (hasAtime() ? atimeNs : "-")
                + " mtime=" + (hasMtime() ? mtimeNs : "-") + " ctime=" + (ctimeNs != OMIT ? ctimeNs : "-") + "]";
    }
}

package org.ventifs.cache;

/** The POSIX error numbers the cache reports, with their Linux values, ready for FUSE. */
public enum Errno {
    EPERM(1), ENOENT(2), EIO(5), E2BIG(7), EEXIST(17), ENOTDIR(20), EISDIR(21), EINVAL(22),
    EFBIG(27), ENOSPC(28), EROFS(30), EMLINK(31), ERANGE(34), ENAMETOOLONG(36), ENOTEMPTY(39),
    ENODATA(61);

    private final int number;

    Errno(int number) {
        this.number = number;
    }

    /** The Linux errno value (positive; FUSE wants it negated). */
    public int number() {
        return number;
    }
}

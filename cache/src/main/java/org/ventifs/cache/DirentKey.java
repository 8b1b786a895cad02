package org.ventifs.cache;

/** The key of the {@code dirents} table: directory inode, cookie (16 bytes). */
record DirentKey(long dir, long cookie) {
    /** The first cookie a directory hands out; readdir offsets 1 and 2 are left for "." and "..". */
    static final long FIRST_COOKIE = 3;

    byte[] encode() {
        return LongKeys.of(dir, cookie);
    }

    static DirentKey decode(byte[] key) {
        LongKeys.requireLength(key, 16, "dirent");
        return new DirentKey(LongKeys.number(key, 0, "dirent"), LongKeys.number(key, 1, "dirent"));
    }
}

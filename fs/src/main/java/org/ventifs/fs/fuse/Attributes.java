package org.ventifs.fs.fuse;

/**
 * What stat(2) shows of one inode, as the kernel's struct fuse_attr carries it.
 * {@code mode} holds the file type bits (S_IFREG, S_IFDIR, ...) and the permissions.
 */
public record Attributes(long ino, long size, long blocks,
                         long atimeSec, int atimeNsec, long mtimeSec, int mtimeNsec, long ctimeSec, int ctimeNsec,
                         int mode, int nlink, int uid, int gid, int rdev) {
    /** struct fuse_attr is 88 bytes. */
    static final int WIRE_SIZE = 88;
    static final int BLOCK_SIZE = 4096;

    void encode(java.nio.ByteBuffer out) {
        out.putLong(ino).putLong(size).putLong(blocks)
                .putLong(atimeSec).putLong(mtimeSec).putLong(ctimeSec)
                .putInt(atimeNsec).putInt(mtimeNsec).putInt(ctimeNsec)
                .putInt(mode).putInt(nlink).putInt(uid).putInt(gid).putInt(rdev)
                .putInt(BLOCK_SIZE).putInt(0);
    }
}

package org.ventifs.vac.posix;

import org.ventifs.vac.ModeBits;
import org.ventifs.vac.PosixExtension.Timestamp;

/**
 * What lstat(2) says about one file, times to the nanosecond.
 *
 * @param mode   st_mode, file type included
 * @param uid    owner
 * @param gid    group
 * @param rdev   device number (devices)
 * @param dev    device holding the file
 * @param ino    inode number
 * @param nlink  hard links
 * @param size   bytes
 * @param blocks 512-byte blocks allocated
 * @param atime  access time
 * @param mtime  modification time
 * @param ctime  status change time
 */
record FileFacts(int mode, int uid, int gid, long rdev, long dev, long ino, int nlink, long size, long blocks,
        Timestamp atime, Timestamp mtime, Timestamp ctime) {
    int type() {
        return mode & ModeBits.S_IFMT;
    }

    boolean isDirectory() {
        return type() == ModeBits.S_IFDIR;
    }

    boolean isRegular() {
        return type() == ModeBits.S_IFREG;
    }

    boolean isSymlink() {
        return type() == ModeBits.S_IFLNK;
    }

    boolean isDevice() {
        return type() == ModeBits.S_IFBLK || type() == ModeBits.S_IFCHR;
    }

    boolean isFifo() {
        return type() == ModeBits.S_IFIFO;
    }

    boolean isSocket() {
        return type() == ModeBits.S_IFSOCK;
    }
}

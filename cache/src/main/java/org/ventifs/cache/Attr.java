package org.ventifs.cache;

/**
 * An inode's attributes as {@code stat} reports them. Times are nanoseconds since 1970 UTC.
 *
 * @param ino the inode number (the root is 1; never reused)
 * @param type what kind of file this is
 * @param perm the permission bits, {@code 07777} (setuid, setgid and sticky included)
 * @param uid the owner
 * @param gid the group
 * @param size bytes of content (a symbolic link's target length)
 * @param nlink the number of directory entries naming it (directories: 2 + subdirectories)
 * @param atimeNs the last access time
 * @param mtimeNs the last modification time
 * @param ctimeNs the last status change time
 * @param rdev the device number of a device file, else 0
 * @param generation the inode generation (for NFS-style file handles)
 */
public record Attr(long ino, FileType type, int perm, int uid, int gid, long size, int nlink,
                   long atimeNs, long mtimeNs, long ctimeNs, long rdev, int generation) {
    /** The full {@code st_mode}: type bits and permission bits. */
    public int mode() {
        return type.modeBits() | perm;
    }
}

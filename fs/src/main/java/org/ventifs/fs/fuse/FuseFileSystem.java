package org.ventifs.fs.fuse;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A file system as the kernel sees it through FUSE's low-level protocol: every call
 * names inodes by number (the root is {@link #ROOT}), so hard links share one inode
 * and one set of attributes. Methods are called from several threads at once.
 * Each throws {@link FuseException} with the errno to answer; an unexpected
 * exception becomes EIO. Operations a file system does not support keep the
 * default, which answers ENOSYS.
 */
public interface FuseFileSystem {
    /** The root directory's inode number. */
    long ROOT = 1;

    /** Finds {@code name} in directory {@code parent}; the kernel then holds a reference to it. */
    Attributes lookup(Caller caller, long parent, String name) throws FuseException;

    /** Returns the attributes of {@code ino}; {@code fh} is an open handle or -1. */
    Attributes getattr(Caller caller, long ino, long fh) throws FuseException;

    /** Applies the requested changes and returns the attributes after them. */
    Attributes setattr(Caller caller, long ino, SetAttributes changes) throws FuseException;

    /** Returns a symbolic link's target. */
    default byte[] readlink(Caller caller, long ino) throws FuseException {
        throw new FuseException(Errno.ENOSYS);
    }

    /** Creates a regular file, FIFO, socket or device node (the type is in {@code mode}). */
    default Attributes mknod(Caller caller, long parent, String name, int mode, int rdev) throws FuseException {
        throw new FuseException(Errno.ENOSYS);
    }

    Attributes mkdir(Caller caller, long parent, String name, int mode) throws FuseException;

    void unlink(Caller caller, long parent, String name) throws FuseException;

    void rmdir(Caller caller, long parent, String name) throws FuseException;

    default Attributes symlink(Caller caller, long parent, String name, byte[] target) throws FuseException {
        throw new FuseException(Errno.ENOSYS);
    }

    /** Renames; {@code flags} are renameat2's RENAME_NOREPLACE (1) and RENAME_EXCHANGE (2). */
    void rename(Caller caller, long parent, String name, long newParent, String newName, int flags)
            throws FuseException;

    default Attributes link(Caller caller, long ino, long newParent, String newName) throws FuseException {
        throw new FuseException(Errno.ENOSYS);
    }

    /** Opens a file; {@code flags} are open(2)'s. */
    Opened open(Caller caller, long ino, int flags) throws FuseException;

    /** Creates and opens a regular file. */
    Created create(Caller caller, long parent, String name, int mode, int flags) throws FuseException;

    /**
     * Reads up to {@code dst.remaining()} bytes at {@code offset} into {@code dst};
     * fewer only at end of file.
     */
    void read(Caller caller, long ino, long fh, long offset, ByteBuffer dst) throws FuseException;

    /** Writes all of {@code src} at {@code offset} and returns the count written. */
    int write(Caller caller, long ino, long fh, long offset, ByteBuffer src, int openFlags) throws FuseException;

    /**
     * Called at each close(2) of a descriptor. The default answers ENOSYS, after which
     * the kernel stops sending flushes at all (one round trip less per close): right for
     * a file system whose writes are complete when they return.
     */
    default void flush(Caller caller, long ino, long fh) throws FuseException {
        throw new FuseException(Errno.ENOSYS);
    }

    /** The last close of an open handle. */
    void release(Caller caller, long ino, long fh) throws FuseException;

    /** Makes the file's changes durable. */
    void fsync(Caller caller, long ino, long fh, boolean dataOnly) throws FuseException;

    Opened opendir(Caller caller, long ino) throws FuseException;

    /** Lists entries from {@code offset} (0 = the start) until the filler is full. */
    void readdir(Caller caller, long ino, long fh, long offset, DirectoryFiller filler) throws FuseException;

    default void releasedir(Caller caller, long ino, long fh) throws FuseException {
    }

    default void fsyncdir(Caller caller, long ino, long fh, boolean dataOnly) throws FuseException {
        fsync(caller, ino, -1, dataOnly);
    }

    StatFs statfs(Caller caller, long ino) throws FuseException;

    /** Sets an extended attribute; {@code flags} are XATTR_CREATE (1) and XATTR_REPLACE (2). */
    default void setxattr(Caller caller, long ino, String name, byte[] value, int flags) throws FuseException {
        throw new FuseException(Errno.ENOTSUP);
    }

    /** Returns an extended attribute's value, or throws ENODATA. */
    default byte[] getxattr(Caller caller, long ino, String name) throws FuseException {
        throw new FuseException(Errno.ENODATA);
    }

    default List<String> listxattr(Caller caller, long ino) throws FuseException {
        return List.of();
    }

    default void removexattr(Caller caller, long ino, String name) throws FuseException {
        throw new FuseException(Errno.ENODATA);
    }

    /** The kernel drops {@code count} references to {@code ino}. No answer is sent. */
    default void forget(long ino, long count) {
    }

    /** The connection is going away (unmount). */
    default void destroy() {
    }
}

package org.ventifs.cache;

import java.io.IOException;
import java.util.List;

/** Reading a tree: the active one ({@link Cache}) or a frozen one ({@link FrozenTree}). */
public interface TreeView {
    /** Returns the attributes of {@code name} in directory {@code dir}. @throws ErrnoException ENOENT, ENOTDIR, EINVAL, ENAMETOOLONG */
    Attr lookup(long dir, String name) throws IOException;

    /** Returns the attributes of {@code ino}. @throws ErrnoException ENOENT */
    Attr getattr(long ino) throws IOException;

    /**
     * Returns up to {@code max} entries of directory {@code dir} whose cookies are above
     * {@code offset} (0 from the start), in a stable order: entries added later come later, and
     * removing entries never moves the others. "." and ".." are not listed (cookies 1 and 2 are
     * free for them). @throws ErrnoException ENOENT, ENOTDIR
     */
    List<DirEntry> readdir(long dir, long offset, int max) throws IOException;

    /**
     * Reads up to {@code length} bytes at {@code offset} of regular file {@code ino} into {@code dst};
     * returns how many (fewer only at the end of the file, 0 past it). Holes read as zeros.
     * @throws ErrnoException ENOENT, EISDIR, EINVAL (not a regular file), EIO (Venti failed)
     */
    int read(long ino, long offset, byte[] dst, int dstOffset, int length) throws IOException;

    /** Returns a symbolic link's target. @throws ErrnoException ENOENT, EINVAL when not a symbolic link */
    String readlink(long ino) throws IOException;

    /** Returns the value of extended attribute {@code name}. @throws ErrnoException ENOENT, ENODATA */
    byte[] getxattr(long ino, String name) throws IOException;

    /** Returns the names of {@code ino}'s extended attributes in name order. @throws ErrnoException ENOENT */
    List<String> listxattr(long ino) throws IOException;
}

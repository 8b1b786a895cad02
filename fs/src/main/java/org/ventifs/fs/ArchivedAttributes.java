package org.ventifs.fs;

import org.ventifs.fs.fuse.Attributes;
import org.ventifs.vac.DirEntry;
import org.ventifs.vac.ModeBits;
import org.ventifs.vac.PosixExtension;

/** stat(2) attributes of an archived file, from its DirEntry (and our POSIX extension when present). */
final class ArchivedAttributes {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    /** Directories in a dump report this size, as many file systems do. */
    private static final long DIRECTORY_SIZE = 4096;

    private ArchivedAttributes() {
    }

    /**
     * Returns the attributes of {@code d}, whose content stream holds {@code size}
     * bytes, as inode {@code ino}.
     */
    static Attributes of(DirEntry d, long size, long ino, UserNames names) {
        PosixExtension p = d.posix();
        int mode;
        int uid;
        int gid;
        long rdev;
        long atime;
        int atimeNs;
        long mtime;
        int mtimeNs;
        long ctime;
        int ctimeNs;
        if (p != null) {
            mode = p.mode();
            uid = p.uid();
            gid = p.gid();
            rdev = p.rdev();
            atime = p.atime().seconds();
            atimeNs = p.atime().nanos();
            mtime = p.mtime().seconds();
            mtimeNs = p.mtime().nanos();
            ctime = p.ctime().seconds();
            ctimeNs = p.ctime().nanos();
        } else {
            mode = ModeBits.toPosix(d.mode(), false);
            uid = names.uid(d.uid());
            gid = names.gid(d.gid());
            rdev = 0;
            atime = d.atime();
            atimeNs = 0;
            mtime = d.mtime();
            mtimeNs = 0;
            ctime = d.ctime();
            ctimeNs = 0;
        }
        int type = mode & S_IFMT;
        boolean dir = type == S_IFDIR;
        // Devices and FIFOs store a short description as content; stat shows them empty.
        boolean special = type != S_IFREG && type != S_IFLNK && !dir;
        long bytes = dir ? DIRECTORY_SIZE : special ? 0 : size;
        return new Attributes(ino, bytes, (bytes + 511) / 512, atime, atimeNs, mtime, mtimeNs, ctime, ctimeNs,
                mode, dir ? 2 : 1, uid, gid, Translate.encodeDev(rdev));
    }

    /** Attributes of one of the view's own read-only directories (/dump, /dump/yyyy). */
    static Attributes directory(long ino, long timeSeconds) {
        return new Attributes(ino, DIRECTORY_SIZE, 8, timeSeconds, 0, timeSeconds, 0, timeSeconds, 0,
                S_IFDIR | 0555, 2, 0, 0, 0);
    }
}

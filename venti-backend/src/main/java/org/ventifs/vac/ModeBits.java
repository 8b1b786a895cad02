package org.ventifs.vac;

/**
 * The Plan 9 mode bits of a DirEntry, and their translation from and to a POSIX
 * st_mode. Sockets have no Plan 9 bit; the full st_mode travels in the
 * {@link PosixExtension}.
 */
public final class ModeBits {
    public static final int PERMISSIONS = 0777;
    public static final int STICKY = 0x200;
    public static final int SETUID = 0x400;
    public static final int SETGID = 0x800;
    public static final int APPEND_ONLY = 0x1000;
    public static final int EXCLUSIVE = 0x2000;
    public static final int SYMLINK = 0x4000;
    public static final int DIR = 0x8000;
    public static final int HIDDEN = 0x10000;
    public static final int SYSTEM = 0x20000;
    public static final int ARCHIVE = 0x40000;
    public static final int TEMPORARY = 0x80000;
    public static final int SNAPSHOT = 0x100000;
    public static final int DEVICE = 0x200000;
    public static final int NAMED_PIPE = 0x400000;

    /** POSIX file type bits of st_mode. */
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;
    private static final int S_ISUID = 04000;
    private static final int S_ISGID = 02000;
    private static final int S_ISVTX = 01000;

    private ModeBits() {
    }

    /** Returns the Plan 9 mode for a POSIX st_mode (a socket becomes a plain file). */
    public static int fromPosix(int stMode) {
        int mode = stMode & PERMISSIONS;
        if ((stMode & S_ISUID) != 0) {
            mode |= SETUID;
        }
        if ((stMode & S_ISGID) != 0) {
            mode |= SETGID;
        }
        if ((stMode & S_ISVTX) != 0) {
            mode |= STICKY;
        }
        switch (stMode & S_IFMT) {
            case S_IFDIR -> mode |= DIR;
            case S_IFLNK -> mode |= SYMLINK;
            case S_IFBLK, S_IFCHR -> mode |= DEVICE;
            case S_IFIFO -> mode |= NAMED_PIPE;
            default -> {
            }
        }
        return mode;
    }

    /**
     * Returns a POSIX st_mode for Plan 9 mode bits, for trees without our extension.
     * A device becomes a character device unless {@code blockDevice}.
     */
    public static int toPosix(int mode, boolean blockDevice) {
        int st = mode & PERMISSIONS;
        if ((mode & SETUID) != 0) {
            st |= S_ISUID;
        }
        if ((mode & SETGID) != 0) {
            st |= S_ISGID;
        }
        if ((mode & STICKY) != 0) {
            st |= S_ISVTX;
        }
        if ((mode & DIR) != 0) {
            st |= S_IFDIR;
        } else if ((mode & SYMLINK) != 0) {
            st |= S_IFLNK;
        } else if ((mode & DEVICE) != 0) {
            st |= blockDevice ? S_IFBLK : S_IFCHR;
        } else if ((mode & NAMED_PIPE) != 0) {
            st |= S_IFIFO;
        } else {
            st |= S_IFREG;
        }
        return st;
    }
}

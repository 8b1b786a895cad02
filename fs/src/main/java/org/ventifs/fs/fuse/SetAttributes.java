package org.ventifs.fs.fuse;

/**
 * The changes one setattr asks for; a field counts only when its flag is set.
 * Times may be "now" (the server's clock) instead of a given value.
 */
public record SetAttributes(int valid, long fh, long size, long atimeSec, int atimeNsec,
                            long mtimeSec, int mtimeNsec, long ctimeSec, int ctimeNsec,
                            int mode, int uid, int gid) {
    public static final int MODE = 1;
    public static final int UID = 1 << 1;
    public static final int GID = 1 << 2;
    public static final int SIZE = 1 << 3;
    public static final int ATIME = 1 << 4;
    public static final int MTIME = 1 << 5;
    public static final int FH = 1 << 6;
    public static final int ATIME_NOW = 1 << 7;
    public static final int MTIME_NOW = 1 << 8;
    public static final int CTIME = 1 << 10;
    public static final int KILL_SUIDGID = 1 << 11;

    /** Whether the change named by {@code flag} is requested. */
    public boolean has(int flag) {
        return (valid & flag) != 0;
    }
}

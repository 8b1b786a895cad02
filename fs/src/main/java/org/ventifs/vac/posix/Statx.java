package org.ventifs.vac.posix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.ventifs.vac.PosixExtension.Timestamp;

/**
 * The kernel's {@code struct statx} (linux/stat.h), whose layout is the same on every
 * architecture, in the machine's byte order: the fields {@link FileFacts} keeps.
 */
final class Statx {
    /** The buffer statx(2) fills. */
    static final int SIZE = 256;
    /** STATX_BASIC_STATS: what stat(2) returns. */
    static final int BASIC_STATS = 0x7ff;

    private static final int NLINK = 16;
    private static final int UID = 20;
    private static final int GID = 24;
    private static final int MODE = 28;
    private static final int INO = 32;
    private static final int BYTES = 40;
    private static final int BLOCKS = 48;
    /** Each time is {s64 seconds, u32 nanoseconds, s32 reserved}. */
    private static final int ATIME = 64;
    private static final int CTIME = 96;
    private static final int MTIME = 112;
    private static final int RDEV_MAJOR = 128;
    private static final int DEV_MAJOR = 136;

    private Statx() {
    }

    /** The facts in a statx buffer the kernel filled with at least {@link #BASIC_STATS}. */
    static FileFacts decode(byte[] statx) {
        ByteBuffer b = ByteBuffer.wrap(statx).order(ByteOrder.nativeOrder());
        return new FileFacts(b.getShort(MODE) & 0xffff, b.getInt(UID), b.getInt(GID), device(b, RDEV_MAJOR),
                device(b, DEV_MAJOR), b.getLong(INO), b.getInt(NLINK), b.getLong(BYTES), b.getLong(BLOCKS),
                time(b, ATIME), time(b, MTIME), time(b, CTIME));
    }

    private static long device(ByteBuffer b, int majorAt) {
        return Posix.makedev(Integer.toUnsignedLong(b.getInt(majorAt)), Integer.toUnsignedLong(b.getInt(majorAt + 4)));
    }

    private static Timestamp time(ByteBuffer b, int at) {
        return new Timestamp(b.getLong(at), b.getInt(at + 8));
    }
}

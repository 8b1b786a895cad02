package org.ventifs.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ventifs.vac.DirEntry;
import org.ventifs.vac.ModeBits;
import org.ventifs.vac.PosixExtension;
import org.ventifs.vac.Xattr;

/**
 * The POSIX attributes of an archived file, from its DirEntry: our POSIX extension when
 * present, else what vac's own fields say (owner names through the account files, times
 * in seconds, a device's numbers from its content text).
 *
 * @param mode    full st_mode
 * @param uid     owner
 * @param gid     group
 * @param rdev    device number, else 0
 * @param atimeNs access time, ns since 1970
 * @param mtimeNs modification time, ns since 1970
 * @param xattrs  extended attributes
 */
record ArchivedFacts(int mode, int uid, int gid, long rdev, long atimeNs, long mtimeNs, List<Xattr> xattrs) {
    private static final int S_IFMT = 0170000;

    /** The facts of {@code d}; {@code content} is its content's bytes when it is a device (for vac's text), else ignored. */
    static ArchivedFacts of(DirEntry d, AccountNames users, AccountNames groups, int fallbackId, byte[] content) {
        PosixExtension p = d.posix();
        if (p != null) {
            return new ArchivedFacts(p.mode(), p.uid(), p.gid(), p.rdev(), ns(p.atime()), ns(p.mtime()), p.xattrs());
        }
        String[] device = (d.mode() & ModeBits.DEVICE) != 0
                ? new String(content, StandardCharsets.US_ASCII).trim().split("\\s+") : new String[0];
        boolean block = device.length == 3 && device[0].equals("b");
        long rdev = device.length == 3 ? makedev(parse(device[1]), parse(device[2])) : 0;
        return new ArchivedFacts(ModeBits.toPosix(d.mode(), block), users.id(d.uid(), fallbackId),
                groups.id(d.gid(), fallbackId), rdev, d.atime() * 1_000_000_000L, d.mtime() * 1_000_000_000L, List.of());
    }

    /** The S_IFMT bits of the mode. */
    int type() {
        return mode & S_IFMT;
    }

    private static long ns(PosixExtension.Timestamp t) {
        return t.seconds() * 1_000_000_000L + t.nanos();
    }

    private static long parse(String number) {
        return number.matches("[0-9]{1,12}") ? Long.parseLong(number) : 0;
    }

    private static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfff) << 8) | ((minor & 0xffffff00L) << 12) | (minor & 0xff);
    }
}

package org.ventifs.snapshot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.ventifs.cache.Attr;
import org.ventifs.cache.TreeView;
import org.ventifs.vac.DirEntry;
import org.ventifs.vac.ModeBits;
import org.ventifs.vac.PosixExtension;
import org.ventifs.vac.PosixExtension.Timestamp;
import org.ventifs.vac.Xattr;

/**
 * Builds the vac DirEntry of an inode of the cache: owners as names, Plan 9 mode bits and
 * second times for vac's readers, and our POSIX extension with the numeric ids, full mode,
 * device number, nanosecond times and extended attributes. The qid is the cache's inode
 * number, which is never reused and which hard links share.
 */
final class ArchivedMetadata {
    private final TreeView tree;
    private final AccountNames users = AccountNames.users();
    private final AccountNames groups = AccountNames.groups();

    ArchivedMetadata(TreeView tree) {
        this.tree = tree;
    }

    /** The DirEntry of {@code attr}'s inode under the name {@code name}, slots unset. */
    DirEntry of(String name, Attr attr) throws IOException {
        List<Xattr> xattrs = new ArrayList<>();
        for (String x : tree.listxattr(attr.ino())) {
            xattrs.add(new Xattr(x, tree.getxattr(attr.ino(), x)));
        }
        Timestamp mtime = timestamp(attr.mtimeNs());
        Timestamp atime = timestamp(attr.atimeNs());
        Timestamp ctime = timestamp(attr.ctimeNs());
        PosixExtension posix = new PosixExtension(attr.mode(), attr.uid(), attr.gid(), attr.rdev(), attr.ino(),
                mtime, atime, ctime, xattrs);
        String user = users.name(attr.uid());
        return new DirEntry(name, 0, 0, 0, 0, attr.ino(), user, groups.name(attr.gid()), user,
                seconds32(mtime), 0, seconds32(ctime), seconds32(atime), ModeBits.fromPosix(attr.mode()), null, posix);
    }

    static Timestamp timestamp(long ns) {
        return new Timestamp(Math.floorDiv(ns, 1_000_000_000L), (int) Math.floorMod(ns, 1_000_000_000L));
    }

    private static long seconds32(Timestamp t) {
        return Math.max(0, Math.min(0xffffffffL, t.seconds()));
    }
}

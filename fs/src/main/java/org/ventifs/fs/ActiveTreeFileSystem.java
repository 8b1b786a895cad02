package org.ventifs.fs;

import java.io.IOException;
import java.util.Set;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ventifs.cache.AttrChange;
import org.ventifs.cache.Cache;
import org.ventifs.cache.DirEntry;
import org.ventifs.cache.XattrMode;
import org.ventifs.fs.fuse.Attributes;
import org.ventifs.fs.fuse.Caller;
import org.ventifs.fs.fuse.Created;
import org.ventifs.fs.fuse.DirectoryFiller;
import org.ventifs.fs.fuse.Errno;
import org.ventifs.fs.fuse.FuseException;
import org.ventifs.fs.fuse.FuseFileSystem;
import org.ventifs.fs.fuse.Opened;
import org.ventifs.fs.fuse.SetAttributes;
import org.ventifs.fs.fuse.StatFs;

/**
 * The active tree: every FUSE call on it becomes one call to the {@link Cache}, which
 * is the whole of POSIX semantics below the kernel's own permission checks (the mount
 * uses default_permissions). The open handle of a file is its inode number.
 */
final class ActiveTreeFileSystem implements FuseFileSystem {
    private static final int O_ACCMODE = 3;
    private static final int O_RDONLY = 0;
    private static final int O_TRUNC = 01000;
    private static final int RENAME_NOREPLACE = 1;
    private static final int XATTR_CREATE = 1;
    private static final int XATTR_REPLACE = 2;
    private static final int READDIR_BATCH = 256;
    /** Offsets 0 and 1 of a listing are "." and ".."; the cache's cookies follow. */
    static final long FIRST_COOKIE = 2;

    private final Cache cache;
    private final OpenWriters writers = new OpenWriters();
    private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[64 << 10]);

    ActiveTreeFileSystem(Cache cache) {
        this.cache = cache;
    }

    /** One call into the cache. */
    private interface CacheCall<T> {
        T apply() throws IOException;
    }

    /** One call into the cache that returns nothing. */
    private interface CacheAction {
        void apply() throws IOException;
    }

    /** Runs {@code c}, turning its failure into the errno FUSE answers ({@code what} names it in logs). */
    private static <T> T call(String what, CacheCall<T> c) throws FuseException {
        try {
            return c.apply();
        } catch (IOException e) {
            throw Translate.error(e, what);
        }
    }

    private static void run(String what, CacheAction a) throws FuseException {
        call(what, () -> {
            a.apply();
            return null;
        });
    }

    /** The inodes that some process has open for writing now. */
    Set<Long> openForWriting() {
        return writers.inodes();
    }

    @Override
    public Attributes lookup(Caller c, long parent, String name) throws FuseException {
        return call("lookup of " + name, () -> Translate.attributes(cache.lookup(parent, name)));
    }

    @Override
    public Attributes getattr(Caller c, long ino, long fh) throws FuseException {
        return call("getattr of inode " + ino, () -> Translate.attributes(cache.getattr(ino)));
    }

    @Override
    public Attributes setattr(Caller c, long ino, SetAttributes s) throws FuseException {
        AttrChange change = AttrChange.none();
        if (s.has(SetAttributes.MODE)) {
            change = change.withPerm(s.mode());
        }
        if (s.has(SetAttributes.UID)) {
            change = change.withUid(s.uid());
        }
        if (s.has(SetAttributes.GID)) {
            change = change.withGid(s.gid());
        }
        if (s.has(SetAttributes.SIZE)) {
            change = change.withSize(s.size());
        }
        if (s.has(SetAttributes.ATIME_NOW)) {
            change = change.withAtime(AttrChange.NOW);
        } else if (s.has(SetAttributes.ATIME)) {
            change = change.withAtime(s.atimeSec() * 1_000_000_000L + s.atimeNsec());
        }
        if (s.has(SetAttributes.MTIME_NOW)) {
            change = change.withMtime(AttrChange.NOW);
        } else if (s.has(SetAttributes.MTIME)) {
            change = change.withMtime(s.mtimeSec() * 1_000_000_000L + s.mtimeNsec());
        }
        if (s.has(SetAttributes.CTIME)) {
            // Sent only by a kernel keeping times itself (the writeback cache): the ctime it showed.
            change = change.withCtime(s.ctimeSec() * 1_000_000_000L + s.ctimeNsec());
        }
        AttrChange requested = change;
        return call("setattr of inode " + ino, () -> Translate.attributes(cache.setattr(ino, requested)));
    }

    @Override
    public byte[] readlink(Caller c, long ino) throws FuseException {
        return call("readlink of inode " + ino, () -> cache.readlink(ino).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Attributes mknod(Caller c, long parent, String name, int mode, int rdev) throws FuseException {
        return call("mknod of " + name, () -> Translate.attributes(cache.mknod(parent, name, mode, Translate.decodeDev(rdev), c.uid(), c.gid())));
    }

    @Override
    public Attributes mkdir(Caller c, long parent, String name, int mode) throws FuseException {
        return call("mkdir of " + name, () -> Translate.attributes(cache.mkdir(parent, name, mode, c.uid(), c.gid())));
    }

    @Override
    public void unlink(Caller c, long parent, String name) throws FuseException {
        run("unlink of " + name, () -> cache.unlink(parent, name));
    }

    @Override
    public void rmdir(Caller c, long parent, String name) throws FuseException {
        run("rmdir of " + name, () -> cache.rmdir(parent, name));
    }

    @Override
    public Attributes symlink(Caller c, long parent, String name, byte[] target) throws FuseException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(target)).toString();
        } catch (CharacterCodingException e) {
            throw new FuseException(Errno.EILSEQ, "symbolic link target is not UTF-8");
        }
        return call("symlink " + name, () -> Translate.attributes(cache.symlink(parent, name, text, c.uid(), c.gid())));
    }

    @Override
    public void rename(Caller c, long parent, String name, long newParent, String newName, int flags)
            throws FuseException {
        if ((flags & ~RENAME_NOREPLACE) != 0) {
            throw new FuseException(Errno.EINVAL, "only RENAME_NOREPLACE is supported");
        }
        try {
            if ((flags & RENAME_NOREPLACE) != 0 && exists(newParent, newName)) {
                throw new FuseException(Errno.EEXIST);
            }
            cache.rename(parent, name, newParent, newName);
        } catch (IOException e) {
            throw Translate.error(e, "rename of " + name);
        }
    }

    private boolean exists(long parent, String name) throws IOException {
        try {
            cache.lookup(parent, name);
            return true;
        } catch (org.ventifs.cache.ErrnoException e) {
            if (e.errno() == org.ventifs.cache.Errno.ENOENT) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Attributes link(Caller c, long ino, long newParent, String newName) throws FuseException {
        return call("link to " + newName, () -> Translate.attributes(cache.link(ino, newParent, newName)));
    }

    @Override
    public Opened open(Caller c, long ino, int flags) throws FuseException {
        try {
            cache.open(ino);
            if ((flags & O_TRUNC) != 0 && (flags & O_ACCMODE) != 0) {
                try {
                    cache.setattr(ino, AttrChange.none().withSize(0));
                } catch (IOException e) {
                    cache.release(ino);
                    throw e;
                }
            }
            return new Opened(writers.opened(ino, (flags & O_ACCMODE) != O_RDONLY), 0);
        } catch (IOException e) {
            throw Translate.error(e, "open of inode " + ino);
        }
    }

    @Override
    public Created create(Caller c, long parent, String name, int mode, int flags) throws FuseException {
        try {
            Attributes a = Translate.attributes(cache.create(parent, name, mode, c.uid(), c.gid()));
            cache.open(a.ino());
            return new Created(a, new Opened(writers.opened(a.ino(), true), 0));
        } catch (IOException e) {
            throw Translate.error(e, "create of " + name);
        }
    }

    @Override
    public void read(Caller c, long ino, long fh, long offset, ByteBuffer dst) throws FuseException {
        byte[] buf = buffer(dst.remaining());
        try {
            int n = cache.read(ino, offset, buf, 0, dst.remaining());
            dst.put(buf, 0, Math.max(0, n));
        } catch (IOException e) {
            throw Translate.error(e, "read of inode " + ino);
        }
    }

    @Override
    public int write(Caller c, long ino, long fh, long offset, ByteBuffer src, int openFlags) throws FuseException {
        int n = src.remaining();
        byte[] buf = buffer(n);
        src.get(buf, 0, n);
        return call("write to inode " + ino, () -> cache.write(ino, offset, buf, 0, n));
    }

    private byte[] buffer(int size) {
        byte[] b = buffers.get();
        if (b.length < size) {
            b = new byte[size];
            buffers.set(b);
        }
        return b;
    }

    @Override
    public void release(Caller c, long ino, long fh) throws FuseException {
        writers.released(ino, fh);
        run("release of inode " + ino, () -> cache.release(ino));
    }

    @Override
    public void fsync(Caller c, long ino, long fh, boolean dataOnly) throws FuseException {
        run("fsync of inode " + ino, () -> cache.sync());
    }

    @Override
    public Opened opendir(Caller c, long ino) throws FuseException {
        Attributes a = getattr(c, ino, -1);
        if ((a.mode() & 0170000) != 0040000) {
            throw new FuseException(Errno.ENOTDIR);
        }
        return new Opened(ino, 0);
    }

    @Override
    public void readdir(Caller c, long ino, long fh, long offset, DirectoryFiller filler) throws FuseException {
        readdir(ino, offset, FIRST_COOKIE, filler);
    }

    /**
     * Lists the cache's entries of {@code ino} from listing offset {@code offset}, where
     * the cache's cookies start at listing offset {@code first} (after "." and ".." and
     * whatever the caller put before them).
     */
    void readdir(long ino, long offset, long first, DirectoryFiller filler) throws FuseException {
        try {
            if (offset == 0 && !filler.add(".", ino, 0040000, 1)) {
                return;
            }
            if (offset <= 1 && !filler.add("..", ino, 0040000, 2)) {
                return;
            }
            long cookie = Math.max(0, offset - first);
            while (true) {
                List<DirEntry> batch = cache.readdir(ino, cookie, READDIR_BATCH);
                if (batch.isEmpty()) {
                    return;
                }
                for (DirEntry e : batch) {
                    if (!filler.add(e.name(), e.ino(), e.type().modeBits(), e.cookie() + first)) {
                        return;
                    }
                    cookie = e.cookie();
                }
            }
        } catch (IOException e) {
            throw Translate.error(e, "readdir of inode " + ino);
        }
    }

    @Override
    public StatFs statfs(Caller c, long ino) throws FuseException {
        try {
            org.ventifs.cache.StatFs s = cache.statfs();
            return new StatFs(s.totalBlocks(), s.freeBlocks(), s.freeBlocks(), s.files(), s.freeFiles(),
                    (int) s.blockSize(), s.nameMax());
        } catch (IOException e) {
            throw Translate.error(e, "statfs");
        }
    }

    @Override
    public void setxattr(Caller c, long ino, String name, byte[] value, int flags) throws FuseException {
        XattrMode mode = (flags & XATTR_CREATE) != 0 ? XattrMode.CREATE
                : (flags & XATTR_REPLACE) != 0 ? XattrMode.REPLACE : XattrMode.UPSERT;
        run("setxattr " + name, () -> cache.setxattr(ino, name, value, mode));
    }

    @Override
    public byte[] getxattr(Caller c, long ino, String name) throws FuseException {
        return call("getxattr " + name, () -> cache.getxattr(ino, name));
    }

    @Override
    public List<String> listxattr(Caller c, long ino) throws FuseException {
        return call("listxattr", () -> cache.listxattr(ino));
    }

    @Override
    public void removexattr(Caller c, long ino, String name) throws FuseException {
        run("removexattr " + name, () -> cache.removexattr(ino, name));
    }
}

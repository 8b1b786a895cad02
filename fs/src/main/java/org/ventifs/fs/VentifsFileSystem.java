package org.ventifs.fs;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.ventifs.cache.Cache;
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
import org.ventifs.snapshot.Catalog;
import org.ventifs.venti.BlockStore;

/**
 * The whole mount: the active tree (read-write, in the cache) with the read-only
 * {@code /dump} view beside it at the top. {@code dump} is reserved at the top of the
 * active tree: creating, renaming or removing it fails with EPERM; every change under
 * it fails with EROFS.
 */
public final class VentifsFileSystem implements FuseFileSystem {
    /** The reserved name of the dump view at the top of the tree. */
    public static final String DUMP = "dump";
    /** Offsets 0..2 of the top directory's listing are ".", ".." and "dump". */
    private static final long TOP_FIRST_COOKIE = 3;

    private final ActiveTreeFileSystem active;
    private final DumpView dumps;

    public VentifsFileSystem(Cache cache, Catalog catalog, BlockStore store) {
        this.active = new ActiveTreeFileSystem(cache);
        this.dumps = new DumpView(catalog, store);
    }

    /** The inodes of the active tree that some process has open for writing now. */
    public Set<Long> openForWriting() {
        return active.openForWriting();
    }

    private static boolean isDump(long ino) {
        return DumpInodes.isDump(ino);
    }

    private static boolean isReserved(long parent, String name) {
        return parent == ROOT && DUMP.equals(name);
    }

    /** Refuses a change that would make {@code name} in {@code parent}, or change anything in a dump. */
    private static void checkWritable(long parent, String name) throws FuseException {
        if (isDump(parent)) {
            throw new FuseException(Errno.EROFS);
        }
        if (isReserved(parent, name)) {
            throw new FuseException(Errno.EPERM, "dump is reserved for the dump view");
        }
    }

    @Override
    public Attributes lookup(Caller c, long parent, String name) throws FuseException {
        if (isDump(parent)) {
            return dumps.lookup(parent, name);
        }
        if (isReserved(parent, name)) {
            return dumps.root();
        }
        return active.lookup(c, parent, name);
    }

    @Override
    public Attributes getattr(Caller c, long ino, long fh) throws FuseException {
        return isDump(ino) ? dumps.getattr(ino) : active.getattr(c, ino, fh);
    }

    @Override
    public Attributes setattr(Caller c, long ino, SetAttributes changes) throws FuseException {
        if (isDump(ino)) {
            throw new FuseException(Errno.EROFS);
        }
        return active.setattr(c, ino, changes);
    }

    @Override
    public byte[] readlink(Caller c, long ino) throws FuseException {
        return isDump(ino) ? dumps.readlink(ino) : active.readlink(c, ino);
    }

    @Override
    public Attributes mknod(Caller c, long parent, String name, int mode, int rdev) throws FuseException {
        checkWritable(parent, name);
        return active.mknod(c, parent, name, mode, rdev);
    }

    @Override
    public Attributes mkdir(Caller c, long parent, String name, int mode) throws FuseException {
        checkWritable(parent, name);
        return active.mkdir(c, parent, name, mode);
    }

    @Override
    public void unlink(Caller c, long parent, String name) throws FuseException {
        checkWritable(parent, name);
        active.unlink(c, parent, name);
    }

    @Override
    public void rmdir(Caller c, long parent, String name) throws FuseException {
        checkWritable(parent, name);
        active.rmdir(c, parent, name);
    }

    @Override
    public Attributes symlink(Caller c, long parent, String name, byte[] target) throws FuseException {
        checkWritable(parent, name);
        return active.symlink(c, parent, name, target);
    }

    @Override
    public void rename(Caller c, long parent, String name, long newParent, String newName, int flags)
            throws FuseException {
        checkWritable(parent, name);
        checkWritable(newParent, newName);
        active.rename(c, parent, name, newParent, newName, flags);
    }

    @Override
    public Attributes link(Caller c, long ino, long newParent, String newName) throws FuseException {
        checkWritable(newParent, newName);
        if (isDump(ino)) {
            // A dump is another file system as far as links go: ln and cp -l fall back or say so.
            throw new FuseException(Errno.EXDEV);
        }
        return active.link(c, ino, newParent, newName);
    }

    @Override
    public Opened open(Caller c, long ino, int flags) throws FuseException {
        return isDump(ino) ? dumps.open(ino, flags) : active.open(c, ino, flags);
    }

    @Override
    public Created create(Caller c, long parent, String name, int mode, int flags) throws FuseException {
        checkWritable(parent, name);
        return active.create(c, parent, name, mode, flags);
    }

    @Override
    public void read(Caller c, long ino, long fh, long offset, ByteBuffer dst) throws FuseException {
        if (isDump(ino)) {
            dumps.read(fh, offset, dst);
        } else {
            active.read(c, ino, fh, offset, dst);
        }
    }

    @Override
    public int write(Caller c, long ino, long fh, long offset, ByteBuffer src, int openFlags) throws FuseException {
        if (isDump(ino)) {
            throw new FuseException(Errno.EROFS);
        }
        return active.write(c, ino, fh, offset, src, openFlags);
    }

    @Override
    public void release(Caller c, long ino, long fh) throws FuseException {
        if (isDump(ino)) {
            dumps.release(fh);
        } else {
            active.release(c, ino, fh);
        }
    }

    @Override
    public void fsync(Caller c, long ino, long fh, boolean dataOnly) throws FuseException {
        if (!isDump(ino)) {
            active.fsync(c, ino, fh, dataOnly);
        }
    }

    @Override
    public Opened opendir(Caller c, long ino) throws FuseException {
        if (isDump(ino)) {
            dumps.getattr(ino);
            return new Opened(0, 0);
        }
        return active.opendir(c, ino);
    }

    @Override
    public void readdir(Caller c, long ino, long fh, long offset, DirectoryFiller filler) throws FuseException {
        if (isDump(ino)) {
            dumps.readdir(ino, offset, filler);
        } else if (ino == ROOT) {
            readTop(offset, filler);
        } else {
            active.readdir(c, ino, fh, offset, filler);
        }
    }

    /** The top directory lists "dump" right after "." and "..". */
    private void readTop(long offset, DirectoryFiller filler) throws FuseException {
        if (offset <= 2) {
            if (offset == 0 && !filler.add(".", ROOT, 0040000, 1)) {
                return;
            }
            if (offset <= 1 && !filler.add("..", ROOT, 0040000, 2)) {
                return;
            }
            if (!filler.add(DUMP, DumpInodes.ROOT, 0040000, TOP_FIRST_COOKIE)) {
                return;
            }
            offset = TOP_FIRST_COOKIE;
        }
        active.readdir(ROOT, offset, TOP_FIRST_COOKIE, filler);
    }

    @Override
    public StatFs statfs(Caller c, long ino) throws FuseException {
        return active.statfs(c, ROOT);
    }

    @Override
    public void setxattr(Caller c, long ino, String name, byte[] value, int flags) throws FuseException {
        if (isDump(ino)) {
            throw new FuseException(Errno.EROFS);
        }
        active.setxattr(c, ino, name, value, flags);
    }

    @Override
    public byte[] getxattr(Caller c, long ino, String name) throws FuseException {
        return isDump(ino) ? dumps.getxattr(ino, name) : active.getxattr(c, ino, name);
    }

    @Override
    public List<String> listxattr(Caller c, long ino) throws FuseException {
        return isDump(ino) ? dumps.listxattr(ino) : active.listxattr(c, ino);
    }

    @Override
    public void removexattr(Caller c, long ino, String name) throws FuseException {
        if (isDump(ino)) {
            throw new FuseException(Errno.EROFS);
        }
        active.removexattr(c, ino, name);
    }

    @Override
    public void forget(long ino, long count) {
        if (isDump(ino)) {
            dumps.forget(ino, count);
        }
    }
}

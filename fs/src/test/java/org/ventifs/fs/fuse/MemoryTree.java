package org.ventifs.fs.fuse;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small in-memory file system used to test the FUSE engine alone, before any
 * ventifs storage is involved. Coarse locking: one monitor for the whole tree.
 */
final class MemoryTree implements FuseFileSystem {
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    private static final class Node {
        final long ino;
        int mode;
        int nlink = 1;
        int uid;
        int gid;
        byte[] data = new byte[0];
        final TreeMap<String, Long> children = new TreeMap<>();
        final Map<String, byte[]> xattrs = new TreeMap<>();
        long mtime = System.currentTimeMillis() / 1000;

        Node(long ino, int mode) {
            this.ino = ino;
            this.mode = mode;
        }
    }

    private final Map<Long, Node> nodes = new java.util.HashMap<>();
    private final AtomicLong nextIno = new AtomicLong(2);

    MemoryTree() {
        Node root = new Node(ROOT, S_IFDIR | 0755);
        root.nlink = 2;
        nodes.put(ROOT, root);
    }

    private Node node(long ino) throws FuseException {
        Node n = nodes.get(ino);
        if (n == null) {
            throw new FuseException(Errno.ENOENT);
        }
        return n;
    }

    private Attributes attrs(Node n) {
        return new Attributes(n.ino, n.data.length, (n.data.length + 511) / 512, n.mtime, 0, n.mtime, 0, n.mtime, 0,
                n.mode, n.nlink, n.uid, n.gid, 0);
    }

    private Node dir(long ino) throws FuseException {
        Node d = node(ino);
        if ((d.mode & S_IFDIR) == 0) {
            throw new FuseException(Errno.ENOTDIR);
        }
        return d;
    }

    private synchronized Attributes add(Caller c, long parent, String name, int mode) throws FuseException {
        Node d = dir(parent);
        if (d.children.containsKey(name)) {
            throw new FuseException(Errno.EEXIST);
        }
        Node n = new Node(nextIno.getAndIncrement(), mode);
        n.uid = c.uid();
        n.gid = c.gid();
        nodes.put(n.ino, n);
        d.children.put(name, n.ino);
        return attrs(n);
    }

    @Override
    public synchronized Attributes lookup(Caller c, long parent, String name) throws FuseException {
        Long ino = dir(parent).children.get(name);
        if (ino == null) {
            throw new FuseException(Errno.ENOENT);
        }
        return attrs(node(ino));
    }

    @Override
    public synchronized Attributes getattr(Caller c, long ino, long fh) throws FuseException {
        return attrs(node(ino));
    }

    @Override
    public synchronized Attributes setattr(Caller c, long ino, SetAttributes ch) throws FuseException {
        Node n = node(ino);
        if (ch.has(SetAttributes.MODE)) {
            n.mode = (n.mode & ~07777) | (ch.mode() & 07777);
        }
        if (ch.has(SetAttributes.SIZE)) {
            n.data = Arrays.copyOf(n.data, (int) ch.size());
        }
        if (ch.has(SetAttributes.UID)) {
            n.uid = ch.uid();
        }
        if (ch.has(SetAttributes.MTIME)) {
            n.mtime = ch.mtimeSec();
        }
        return attrs(n);
    }

    @Override
    public synchronized byte[] readlink(Caller c, long ino) throws FuseException {
        return node(ino).data.clone();
    }

    @Override
    public synchronized Attributes symlink(Caller c, long parent, String name, byte[] target) throws FuseException {
        Attributes a = add(c, parent, name, S_IFLNK | 0777);
        node(a.ino()).data = target.clone();
        return attrs(node(a.ino()));
    }

    @Override
    public Attributes mkdir(Caller c, long parent, String name, int mode) throws FuseException {
        return add(c, parent, name, S_IFDIR | (mode & 07777));
    }

    @Override
    public synchronized void unlink(Caller c, long parent, String name) throws FuseException {
        Node d = dir(parent);
        Long ino = d.children.remove(name);
        if (ino == null) {
            throw new FuseException(Errno.ENOENT);
        }
        Node n = node(ino);
        if (--n.nlink == 0) {
            nodes.remove(ino);
        }
    }

    @Override
    public synchronized void rmdir(Caller c, long parent, String name) throws FuseException {
        Node d = dir(parent);
        Long ino = d.children.get(name);
        if (ino == null) {
            throw new FuseException(Errno.ENOENT);
        }
        if (!dir(ino).children.isEmpty()) {
            throw new FuseException(Errno.ENOTEMPTY);
        }
        d.children.remove(name);
        nodes.remove(ino);
    }

    @Override
    public synchronized void rename(Caller c, long parent, String name, long newParent, String newName, int flags)
            throws FuseException {
        Long ino = dir(parent).children.remove(name);
        if (ino == null) {
            throw new FuseException(Errno.ENOENT);
        }
        dir(newParent).children.put(newName, ino);
    }

    @Override
    public synchronized Attributes link(Caller c, long ino, long newParent, String newName) throws FuseException {
        Node n = node(ino);
        dir(newParent).children.put(newName, ino);
        n.nlink++;
        return attrs(n);
    }

    @Override
    public Opened open(Caller c, long ino, int flags) throws FuseException {
        return new Opened(ino, 0);
    }

    @Override
    public Created create(Caller c, long parent, String name, int mode, int flags) throws FuseException {
        Attributes a = add(c, parent, name, S_IFREG | (mode & 07777));
        return new Created(a, new Opened(a.ino(), 0));
    }

    @Override
    public synchronized void read(Caller c, long ino, long fh, long offset, ByteBuffer dst) throws FuseException {
        byte[] d = node(ino).data;
        if (offset < d.length) {
            dst.put(d, (int) offset, (int) Math.min(dst.remaining(), d.length - offset));
        }
    }

    @Override
    public synchronized int write(Caller c, long ino, long fh, long offset, ByteBuffer src, int flags)
            throws FuseException {
        Node n = node(ino);
        int len = src.remaining();
        if (offset + len > n.data.length) {
            n.data = Arrays.copyOf(n.data, (int) (offset + len));
        }
        src.get(n.data, (int) offset, len);
        return len;
    }

    @Override
    public void release(Caller c, long ino, long fh) {
    }

    @Override
    public void fsync(Caller c, long ino, long fh, boolean dataOnly) {
    }

    @Override
    public Opened opendir(Caller c, long ino) throws FuseException {
        dir(ino);
        return new Opened(0, 0);
    }

    @Override
    public synchronized void readdir(Caller c, long ino, long fh, long offset, DirectoryFiller filler)
            throws FuseException {
        Node d = dir(ino);
        List<Map.Entry<String, Long>> entries = List.copyOf(d.children.entrySet());
        for (long i = offset; i < entries.size(); i++) {
            Map.Entry<String, Long> e = entries.get((int) i);
            if (!filler.add(e.getKey(), e.getValue(), node(e.getValue()).mode, i + 1)) {
                return;
            }
        }
    }

    @Override
    public StatFs statfs(Caller c, long ino) {
        return new StatFs(1000, 500, 500, 100, 50, 4096, 255);
    }

    @Override
    public synchronized void setxattr(Caller c, long ino, String name, byte[] value, int flags) throws FuseException {
        node(ino).xattrs.put(name, value);
    }

    @Override
    public synchronized byte[] getxattr(Caller c, long ino, String name) throws FuseException {
        byte[] v = node(ino).xattrs.get(name);
        if (v == null) {
            throw new FuseException(Errno.ENODATA);
        }
        return v;
    }

    @Override
    public synchronized List<String> listxattr(Caller c, long ino) throws FuseException {
        return List.copyOf(node(ino).xattrs.keySet());
    }
}

package org.ventifs.cache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plain in-memory file tree with the cache's semantics: the oracle of the model-based and
 * crash tests. Every method mirrors one Cache method and its order of checks.
 */
final class TreeModel implements TreeOps {
    static final class Node {
        FileType type;
        int perm;
        int uid;
        int gid;
        int nlink;
        long atime;
        long mtime;
        long ctime;
        long rdev;
        byte[] data = new byte[0];
        byte[] target = new byte[0];
        TreeMap<String, byte[]> xattrs = new TreeMap<>();
        LinkedHashMap<String, Long> children = new LinkedHashMap<>();

        Node copy() {
            Node n = new Node();
            n.type = type;
            n.perm = perm;
            n.uid = uid;
            n.gid = gid;
            n.nlink = nlink;
            n.atime = atime;
            n.mtime = mtime;
            n.ctime = ctime;
            n.rdev = rdev;
            n.data = data.clone();
            n.target = target;
            n.xattrs = new TreeMap<>(xattrs);
            n.children = new LinkedHashMap<>(children);
            return n;
        }
    }

    final Map<Long, Node> nodes = new HashMap<>();
    final Map<Long, Integer> openCounts = new HashMap<>();
    long nextIno = Cache.ROOT + 1;
    long now;

    TreeModel(int rootUid, int rootGid, long createdNs) {
        Node root = new Node();
        root.type = FileType.DIRECTORY;
        root.perm = 0755;
        root.uid = rootUid;
        root.gid = rootGid;
        root.nlink = 2;
        root.atime = root.mtime = root.ctime = createdNs;
        nodes.put(Cache.ROOT, root);
    }

    private TreeModel() {
    }

    /** A deep copy (open counts are not part of the tree and are not copied). */
    TreeModel copy() {
        TreeModel m = new TreeModel();
        nodes.forEach((k, v) -> m.nodes.put(k, v.copy()));
        m.nextIno = nextIno;
        return m;
    }

    /** What a restart does: nothing is open any more, and the unlinked inodes go. */
    void restart() {
        openCounts.clear();
        nodes.values().removeIf(n -> n.nlink == 0);
    }

    Attr attr(long ino) throws ErrnoException {
        Node n = node(ino);
        long size = n.type == FileType.SYMLINK ? n.target.length : n.data.length;
        return new Attr(ino, n.type, n.perm, n.uid, n.gid, size, n.nlink, n.atime, n.mtime, n.ctime, n.rdev, 1);
    }

    Node node(long ino) throws ErrnoException {
        Node n = nodes.get(ino);
        if (n == null) {
            throw new ErrnoException(Errno.ENOENT, "no inode " + ino);
        }
        return n;
    }

    Node dir(long ino) throws ErrnoException {
        Node n = node(ino);
        if (n.type != FileType.DIRECTORY) {
            throw new ErrnoException(Errno.ENOTDIR, "not a directory");
        }
        return n;
    }

    private Node liveDir(long ino) throws ErrnoException {
        Node n = dir(ino);
        if (n.nlink == 0) {
            throw new ErrnoException(Errno.ENOENT, "removed");
        }
        return n;
    }

    @Override
    public Attr lookup(long dir, String name) throws ErrnoException {
        TreeReader.checkName(name);
        Long child = dir(dir).children.get(name);
        if (child == null) {
            throw new ErrnoException(Errno.ENOENT, name);
        }
        return attr(child);
    }

    /** Entries in insertion order; a cookie is the entry's position plus 3 (valid only while the directory is unchanged). */
    @Override
    public List<DirEntry> readdir(long dir, long offset, int max) throws ErrnoException {
        List<DirEntry> out = new ArrayList<>();
        long cookie = DirentKey.FIRST_COOKIE;
        for (Map.Entry<String, Long> e : dir(dir).children.entrySet()) {
            if (cookie > offset && out.size() < max) {
                out.add(new DirEntry(e.getKey(), e.getValue(), nodes.get(e.getValue()).type, cookie));
            }
            cookie++;
        }
        return out;
    }

    @Override
    public Attr getattr(long ino) throws ErrnoException {
        return attr(ino);
    }

    @Override
    public int read(long ino, long offset, byte[] dst, int dstOffset, int length) throws ErrnoException {
        byte[] bytes = read(ino, offset, length);
        System.arraycopy(bytes, 0, dst, dstOffset, bytes.length);
        return bytes.length;
    }

    Attr make(long parent, String name, FileType type, int perm, int uid, int gid, long rdev, byte[] target)
            throws ErrnoException {
        TreeReader.checkName(name);
        Node p = liveDir(parent);
        if (p.children.containsKey(name)) {
            throw new ErrnoException(Errno.EEXIST, name);
        }
        boolean isDir = type == FileType.DIRECTORY;
        int mode = perm & 07777;
        if ((p.perm & 02000) != 0) {
            gid = p.gid;
            if (isDir) {
                mode |= 02000;
            }
        }
        Node n = new Node();
        n.type = type;
        n.perm = mode;
        n.uid = uid;
        n.gid = gid;
        n.nlink = isDir ? 2 : 1;
        n.atime = n.mtime = n.ctime = now;
        n.rdev = rdev;
        n.target = target;
        long ino = nextIno++;
        nodes.put(ino, n);
        addEntry(p, name, ino, isDir);
        return attr(ino);
    }

    @Override
    public Attr mknod(long parent, String name, int mode, long rdev, int uid, int gid) throws ErrnoException {
        FileType type = FileType.ofMode(mode);
        if (type == null || type == FileType.DIRECTORY || type == FileType.SYMLINK) {
            throw new ErrnoException(Errno.EINVAL, "mknod");
        }
        long dev = type == FileType.CHAR_DEVICE || type == FileType.BLOCK_DEVICE ? rdev : 0;
        return make(parent, name, type, mode, uid, gid, dev, new byte[0]);
    }

    @Override
    public Attr symlink(long parent, String name, String target, int uid, int gid) throws ErrnoException {
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > TreeWriter.SYMLINK_MAX) {
            throw new ErrnoException(bytes.length == 0 ? Errno.ENOENT : Errno.ENAMETOOLONG, "target");
        }
        return make(parent, name, FileType.SYMLINK, 0777, uid, gid, 0, bytes);
    }

    @Override
    public String readlink(long ino) throws ErrnoException {
        Node n = node(ino);
        if (n.type != FileType.SYMLINK) {
            throw new ErrnoException(Errno.EINVAL, "not a symlink");
        }
        return new String(n.target, StandardCharsets.UTF_8);
    }

    @Override
    public Attr link(long ino, long newParent, String newName) throws ErrnoException {
        TreeReader.checkName(newName);
        Node n = node(ino);
        if (n.type == FileType.DIRECTORY) {
            throw new ErrnoException(Errno.EPERM, "dir");
        }
        if (n.nlink == 0) {
            throw new ErrnoException(Errno.ENOENT, "unlinked");
        }
        Node p = liveDir(newParent);
        if (p.children.containsKey(newName)) {
            throw new ErrnoException(Errno.EEXIST, newName);
        }
        addEntry(p, newName, ino, false);
        n.nlink++;
        n.ctime = now;
        return attr(ino);
    }

    private long existing(long parent, String name) throws ErrnoException {
        TreeReader.checkName(name);
        Long ino = dir(parent).children.get(name);
        if (ino == null) {
            throw new ErrnoException(Errno.ENOENT, name);
        }
        return ino;
    }

    @Override
    public void unlink(long parent, String name) throws ErrnoException {
        long ino = existing(parent, name);
        Node n = nodes.get(ino);
        if (n.type == FileType.DIRECTORY) {
            throw new ErrnoException(Errno.EISDIR, name);
        }
        removeEntry(nodes.get(parent), name, false);
        dropLink(ino);
    }

    @Override
    public void rmdir(long parent, String name) throws ErrnoException {
        long ino = existing(parent, name);
        Node n = nodes.get(ino);
        if (n.type != FileType.DIRECTORY) {
            throw new ErrnoException(Errno.ENOTDIR, name);
        }
        if (!n.children.isEmpty()) {
            throw new ErrnoException(Errno.ENOTEMPTY, name);
        }
        removeEntry(nodes.get(parent), name, true);
        n.nlink = 0;
        n.ctime = now;
        dispose(ino);
    }

    @Override
    public void rename(long parent, String name, long newParent, String newName) throws ErrnoException {
        TreeReader.checkName(newName);
        long src = existing(parent, name);
        liveDir(newParent);
        Node srcNode = nodes.get(src);
        boolean srcIsDir = srcNode.type == FileType.DIRECTORY;
        if (srcIsDir && newParent != parent) {
            for (long d = newParent; ; d = parentOf(d)) {
                if (d == src) {
                    throw new ErrnoException(Errno.EINVAL, "into itself");
                }
                if (d == Cache.ROOT) {
                    break;
                }
            }
        }
        Long dst = nodes.get(newParent).children.get(newName);
        if (dst != null && dst == src) {
            return;
        }
        boolean dstIsDir = false;
        if (dst != null) {
            Node d = nodes.get(dst);
            dstIsDir = d.type == FileType.DIRECTORY;
            if (srcIsDir && !dstIsDir) {
                throw new ErrnoException(Errno.ENOTDIR, newName);
            }
            if (!srcIsDir && dstIsDir) {
                throw new ErrnoException(Errno.EISDIR, newName);
            }
            if (dstIsDir && !d.children.isEmpty()) {
                throw new ErrnoException(Errno.ENOTEMPTY, newName);
            }
            removeEntry(nodes.get(newParent), newName, dstIsDir);
            if (dstIsDir) {
                d.nlink = 0;
                d.ctime = now;
                dispose(dst);
            } else {
                dropLink(dst);
            }
        }
        removeEntry(nodes.get(parent), name, srcIsDir);
        addEntry(nodes.get(newParent), newName, src, srcIsDir);
        srcNode.ctime = now;
    }

    long parentOf(long dir) {
        for (Map.Entry<Long, Node> e : nodes.entrySet()) {
            if (e.getValue().children.containsValue(dir)) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("directory " + dir + " has no parent");
    }

    @Override
    public void open(long ino) throws ErrnoException {
        node(ino);
        openCounts.merge(ino, 1, Integer::sum);
    }

    @Override
    public void release(long ino) {
        Integer count = openCounts.get(ino);
        if (count == null) {
            return;
        }
        if (count > 1) {
            openCounts.put(ino, count - 1);
            return;
        }
        openCounts.remove(ino);
        Node n = nodes.get(ino);
        if (n != null && n.nlink == 0) {
            nodes.remove(ino);
        }
    }

    private Node regular(long ino) throws ErrnoException {
        Node n = node(ino);
        if (n.type == FileType.DIRECTORY) {
            throw new ErrnoException(Errno.EISDIR, "dir");
        }
        if (n.type != FileType.REGULAR) {
            throw new ErrnoException(Errno.EINVAL, "not regular");
        }
        return n;
    }

    byte[] read(long ino, long offset, int length) throws ErrnoException {
        Node n = regular(ino);
        if (offset >= n.data.length) {
            return new byte[0];
        }
        return Arrays.copyOfRange(n.data, (int) offset, (int) Math.min(n.data.length, offset + length));
    }

    @Override
    public Attr create(long parent, String name, int perm, int uid, int gid) throws ErrnoException {
        return make(parent, name, FileType.REGULAR, perm, uid, gid, 0, new byte[0]);
    }

    @Override
    public Attr mkdir(long parent, String name, int perm, int uid, int gid) throws ErrnoException {
        return make(parent, name, FileType.DIRECTORY, perm, uid, gid, 0, new byte[0]);
    }

    @Override
    public int write(long ino, long offset, byte[] src, int srcOffset, int length) throws ErrnoException {
        return write(ino, offset, Arrays.copyOfRange(src, srcOffset, srcOffset + length));
    }

    int write(long ino, long offset, byte[] src) throws ErrnoException {
        Node n = regular(ino);
        if (src.length == 0) {
            return 0;
        }
        if (offset + src.length > n.data.length) {
            n.data = Arrays.copyOf(n.data, (int) (offset + src.length));
        }
        System.arraycopy(src, 0, n.data, (int) offset, src.length);
        n.mtime = n.ctime = now;
        return src.length;
    }

    @Override
    public Attr setattr(long ino, AttrChange change) throws ErrnoException {
        Node n = node(ino);
        if (change.hasSize()) {
            regular(ino);
            n.data = Arrays.copyOf(n.data, (int) change.size());
            n.mtime = now;
        }
        n.ctime = now;
        if (change.hasPerm()) {
            n.perm = change.perm();
        }
        if (change.hasUid()) {
            n.uid = change.uid();
        }
        if (change.hasGid()) {
            n.gid = change.gid();
        }
        if (change.hasAtime()) {
            n.atime = change.atime(now);
        }
        if (change.hasMtime()) {
            n.mtime = change.mtime(now);
        }
        return attr(ino);
    }

    @Override
    public byte[] getxattr(long ino, String name) throws ErrnoException {
        byte[] v = node(ino).xattrs.get(name);
        if (v == null) {
            throw new ErrnoException(Errno.ENODATA, name);
        }
        return v.clone();
    }

    @Override
    public List<String> listxattr(long ino) throws ErrnoException {
        return List.copyOf(node(ino).xattrs.keySet());
    }

    @Override
    public void setxattr(long ino, String name, byte[] value, XattrMode mode) throws ErrnoException {
        int nameLength = name.getBytes(StandardCharsets.UTF_8).length;
        if (nameLength == 0 || nameLength > 255) {
            throw new ErrnoException(Errno.ERANGE, name);
        }
        if (value.length > TreeWriter.XATTR_MAX) {
            throw new ErrnoException(Errno.E2BIG, name);
        }
        Node n = node(ino);
        boolean exists = n.xattrs.containsKey(name);
        if (mode == XattrMode.CREATE && exists) {
            throw new ErrnoException(Errno.EEXIST, name);
        }
        if (mode == XattrMode.REPLACE && !exists) {
            throw new ErrnoException(Errno.ENODATA, name);
        }
        TreeMap<String, byte[]> x = new TreeMap<>(n.xattrs);
        x.put(name, value.clone());
        long total = 0;
        for (var e : x.entrySet()) {
            total += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().length;
        }
        if (total > TreeWriter.XATTR_MAX) {
            throw new ErrnoException(Errno.ENOSPC, name);
        }
        n.xattrs = x;
        n.ctime = now;
    }

    @Override
    public void removexattr(long ino, String name) throws ErrnoException {
        Node n = node(ino);
        if (n.xattrs.remove(name) == null) {
            throw new ErrnoException(Errno.ENODATA, name);
        }
        n.ctime = now;
    }

    private void addEntry(Node dir, String name, long ino, boolean isDir) {
        dir.children.put(name, ino);
        if (isDir) {
            dir.nlink++;
        }
        dir.mtime = dir.ctime = now;
    }

    private void removeEntry(Node dir, String name, boolean isDir) {
        dir.children.remove(name);
        if (isDir) {
            dir.nlink--;
        }
        dir.mtime = dir.ctime = now;
    }

    private void dropLink(long ino) {
        Node n = nodes.get(ino);
        n.nlink--;
        n.ctime = now;
        if (n.nlink == 0) {
            dispose(ino);
        }
    }

    private void dispose(long ino) {
        if (!openCounts.containsKey(ino)) {
            nodes.remove(ino);
        }
    }
}

package org.ventifs.cache;

import java.io.IOException;

/** The mutations of the cache's API, so one random operation can run on the cache and on the model. */
interface TreeOps extends TreeView {
    Attr create(long parent, String name, int perm, int uid, int gid) throws IOException;

    Attr mknod(long parent, String name, int mode, long rdev, int uid, int gid) throws IOException;

    Attr mkdir(long parent, String name, int perm, int uid, int gid) throws IOException;

    Attr symlink(long parent, String name, String target, int uid, int gid) throws IOException;

    Attr link(long ino, long newParent, String newName) throws IOException;

    void unlink(long parent, String name) throws IOException;

    void rmdir(long parent, String name) throws IOException;

    void rename(long parent, String name, long newParent, String newName) throws IOException;

    void open(long ino) throws IOException;

    void release(long ino) throws IOException;

    int write(long ino, long offset, byte[] src, int srcOffset, int length) throws IOException;

    Attr setattr(long ino, AttrChange change) throws IOException;

    void setxattr(long ino, String name, byte[] value, XattrMode mode) throws IOException;

    void removexattr(long ino, String name) throws IOException;

    /** The cache's operations. */
    static TreeOps of(Cache c) {
        return new TreeOps() {
            public Attr create(long p, String n, int perm, int uid, int gid) throws IOException {
                return c.create(p, n, perm, uid, gid);
            }

            public Attr mknod(long p, String n, int mode, long rdev, int uid, int gid) throws IOException {
                return c.mknod(p, n, mode, rdev, uid, gid);
            }

            public Attr mkdir(long p, String n, int perm, int uid, int gid) throws IOException {
                return c.mkdir(p, n, perm, uid, gid);
            }

            public Attr symlink(long p, String n, String target, int uid, int gid) throws IOException {
                return c.symlink(p, n, target, uid, gid);
            }

            public Attr link(long ino, long np, String nn) throws IOException {
                return c.link(ino, np, nn);
            }

            public void unlink(long p, String n) throws IOException {
                c.unlink(p, n);
            }

            public void rmdir(long p, String n) throws IOException {
                c.rmdir(p, n);
            }

            public void rename(long p, String n, long np, String nn) throws IOException {
                c.rename(p, n, np, nn);
            }

            public void open(long ino) throws IOException {
                c.open(ino);
            }

            public void release(long ino) throws IOException {
                c.release(ino);
            }

            public int write(long ino, long off, byte[] src, int so, int len) throws IOException {
                return c.write(ino, off, src, so, len);
            }

            public Attr setattr(long ino, AttrChange ch) throws IOException {
                return c.setattr(ino, ch);
            }

            public void setxattr(long ino, String n, byte[] v, XattrMode m) throws IOException {
                c.setxattr(ino, n, v, m);
            }

            public void removexattr(long ino, String n) throws IOException {
                c.removexattr(ino, n);
            }

            public Attr lookup(long d, String n) throws IOException {
                return c.lookup(d, n);
            }

            public Attr getattr(long ino) throws IOException {
                return c.getattr(ino);
            }

            public java.util.List<DirEntry> readdir(long d, long o, int m) throws IOException {
                return c.readdir(d, o, m);
            }

            public int read(long ino, long o, byte[] dst, int d, int l) throws IOException {
                return c.read(ino, o, dst, d, l);
            }

            public String readlink(long ino) throws IOException {
                return c.readlink(ino);
            }

            public byte[] getxattr(long ino, String n) throws IOException {
                return c.getxattr(ino, n);
            }

            public java.util.List<String> listxattr(long ino) throws IOException {
                return c.listxattr(ino);
            }
        };
    }
}

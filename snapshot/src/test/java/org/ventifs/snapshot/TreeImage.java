package org.ventifs.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ventifs.cache.Attr;
import org.ventifs.cache.Cache;
import org.ventifs.cache.DirEntry;
import org.ventifs.cache.FileType;
import org.ventifs.cache.TreeView;
import org.ventifs.vac.DirectoryReader;
import org.ventifs.vac.Entry;
import org.ventifs.vac.PosixExtension;
import org.ventifs.vac.StreamReader;
import org.ventifs.vac.VacTree;
import org.ventifs.vac.Xattr;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.Score;

/**
 * A whole tree as a map from path to one line of every fact a dump must keep: type, mode,
 * owners, size, times to the nanosecond, device, extended attributes, the SHA-1 of the
 * content and the inode number (hard links share it). Built from a cache's tree or from a
 * vac tree in a store, so the two compare with assertEquals.
 */
final class TreeImage {
    private TreeImage() {
    }

    /** The image of {@code view}'s tree; {@code withIno} false leaves inode numbers out. */
    static Map<String, String> of(TreeView view, boolean withIno) throws IOException {
        Map<String, String> out = new TreeMap<>();
        walk(view, Cache.ROOT, "/", out, withIno);
        return out;
    }

    private static void walk(TreeView view, long dir, String path, Map<String, String> out, boolean withIno)
            throws IOException {
        Attr a = view.getattr(dir);
        out.put(path, line(a.mode(), a.uid(), a.gid(), 0, a.mtimeNs(), a.atimeNs(), a.rdev(), xattrs(view, dir),
                "", withIno ? a.ino() : 0));
        long cookie = 0;
        for (List<DirEntry> batch; !(batch = view.readdir(dir, cookie, 100)).isEmpty(); ) {
            for (DirEntry e : batch) {
                cookie = e.cookie();
                String child = path + (path.endsWith("/") ? "" : "/") + e.name();
                if (e.type() == FileType.DIRECTORY) {
                    walk(view, e.ino(), child, out, withIno);
                    continue;
                }
                if (e.type() == FileType.SOCKET) {
                    continue;
                }
                Attr c = view.getattr(e.ino());
                byte[] content = switch (c.type()) {
                    case REGULAR -> readAll(view, e.ino(), c.size());
                    case SYMLINK -> view.readlink(e.ino()).getBytes(StandardCharsets.UTF_8);
                    default -> new byte[0];
                };
                long size = c.type() == FileType.REGULAR ? c.size() : content.length;
                out.put(child, line(c.mode(), c.uid(), c.gid(), size, c.mtimeNs(), c.atimeNs(), c.rdev(),
                        xattrs(view, e.ino()), sha1(content), withIno ? c.ino() : 0));
            }
        }
    }

    /** The image of the vac tree at {@code root}. */
    static Map<String, String> of(BlockStore store, Score root, boolean withIno) throws IOException {
        VacTree tree = VacTree.open(store, root);
        Map<String, String> out = new TreeMap<>();
        PosixExtension p = tree.rootEntry().posix();
        out.put("/", line(p, 0, "", withIno));
        walk(store, tree.directory(store), "/", out, withIno);
        return out;
    }

    private static void walk(BlockStore store, DirectoryReader dir, String path, Map<String, String> out,
                             boolean withIno) throws IOException {
        for (org.ventifs.vac.DirEntry d : dir.list()) {
            String child = path + (path.endsWith("/") ? "" : "/") + d.elem();
            if (d.isDirectory()) {
                out.put(child, line(d.posix(), 0, "", withIno));
                walk(store, new DirectoryReader(store, dir.subdirectory(d)), child, out, withIno);
                continue;
            }
            Entry content = dir.content(d);
            byte[] bytes = new byte[(int) content.size()];
            int type = d.posix().mode() & 0170000;
            if (type == 0100000 || type == 0120000) {
                new StreamReader(store, content).read(0, bytes, 0, bytes.length);
            } else {
                bytes = new byte[0];
            }
            if (d.qid() != d.posix().ino()) {
                throw new AssertionError(child + " has qid " + d.qid() + " but inode " + d.posix().ino());
            }
            out.put(child, line(d.posix(), content.size(), sha1(bytes), withIno));
        }
    }

    private static String line(PosixExtension p, long size, String sha1, boolean withIno) {
        StringBuilder x = new StringBuilder();
        for (Xattr a : p.xattrs()) {
            x.append(a.name()).append('=').append(HexFormat.of().formatHex(a.value())).append(',');
        }
        int type = p.mode() & 0170000;
        return line(p.mode(), p.uid(), p.gid(), type == 0100000 || type == 0120000 ? size : 0,
                p.mtime().seconds() * 1_000_000_000L + p.mtime().nanos(),
                p.atime().seconds() * 1_000_000_000L + p.atime().nanos(), p.rdev(), x.toString(), sha1,
                withIno ? p.ino() : 0);
    }

    private static String line(int mode, int uid, int gid, long size, long mtime, long atime, long rdev,
                               String xattrs, String sha1, long ino) {
        return String.format("mode=%o uid=%d gid=%d size=%d mtime=%d atime=%d rdev=%d xattrs=%s sha1=%s ino=%d",
                mode, uid, gid, size, mtime, atime, rdev, xattrs, sha1, ino);
    }

    private static String xattrs(TreeView view, long ino) throws IOException {
        StringBuilder x = new StringBuilder();
        for (String name : view.listxattr(ino)) {
            x.append(name).append('=').append(HexFormat.of().formatHex(view.getxattr(ino, name))).append(',');
        }
        return x.toString();
    }

    private static byte[] readAll(TreeView view, long ino, long size) throws IOException {
        byte[] bytes = new byte[(int) size];
        int done = 0;
        while (done < bytes.length) {
            int n = view.read(ino, done, bytes, done, bytes.length - done);
            if (n <= 0) {
                throw new IOException("short read of inode " + ino);
            }
            done += n;
        }
        return bytes;
    }

    static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

package org.ventifs.cache;

import java.io.IOException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** A canonical text of everything a tree shows from its root, for comparing two trees. */
final class TreeDump {
    private TreeDump() {
    }

    /** Walks {@code tree} from the root, reading directories a few entries at a time to exercise cookies. */
    static String of(TreeView tree) throws IOException {
        StringBuilder out = new StringBuilder();
        walk(tree, Cache.ROOT, "/", new HashSet<>(), out);
        return out.toString();
    }

    private static void walk(TreeView tree, long ino, String path, Set<Long> seen, StringBuilder out)
            throws IOException {
        Attr a = tree.getattr(ino);
        out.append(path).append(' ').append(a).append('\n');
        if (!seen.add(ino)) {
            return; // a hard link seen before: its content is already listed
        }
        for (String name : tree.listxattr(ino)) {
            out.append("  xattr ").append(name).append('=').append(HexFormat.of().formatHex(tree.getxattr(ino, name)))
                    .append('\n');
        }
        switch (a.type()) {
            case REGULAR -> out.append("  data ").append(HexFormat.of().formatHex(content(tree, ino, a.size())))
                    .append('\n');
            case SYMLINK -> out.append("  -> ").append(tree.readlink(ino)).append('\n');
            case DIRECTORY -> {
                long cookie = 0;
                while (true) {
                    List<DirEntry> page = tree.readdir(ino, cookie, 3);
                    if (page.isEmpty()) {
                        break;
                    }
                    for (DirEntry e : page) {
                        if (e.type() != tree.getattr(e.ino()).type()) {
                            throw new AssertionError(path + e.name() + " lists type " + e.type());
                        }
                        walk(tree, e.ino(), path + e.name() + (e.type() == FileType.DIRECTORY ? "/" : ""), seen, out);
                        cookie = e.cookie();
                    }
                }
            }
            default -> {
            }
        }
    }

    /** All of a regular file's bytes, read in odd-sized pieces. */
    static byte[] content(TreeView tree, long ino, long size) throws IOException {
        byte[] all = new byte[(int) size];
        int done = 0;
        while (done < size) {
            int n = tree.read(ino, done, all, done, Math.min(777, (int) size - done));
            if (n <= 0) {
                throw new AssertionError("inode " + ino + " ended at " + done + " of " + size);
            }
            done += n;
        }
        byte[] past = new byte[1];
        if (tree.read(ino, size, past, 0, 1) != 0) {
            throw new AssertionError("inode " + ino + " reads past its size " + size);
        }
        return all;
    }
}

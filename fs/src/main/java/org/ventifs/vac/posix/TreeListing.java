package org.ventifs.vac.posix;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.ventifs.vac.DirEntry;
import org.ventifs.vac.DirectoryReader;
import org.ventifs.vac.Entry;
import org.ventifs.vac.StreamReader;
import org.ventifs.vac.VacTree;
import org.ventifs.venti.BlockStore;

/**
 * Prints a vac tree one file a line, as {@code ls -l} would, paths relative to the
 * root: {@code mode owner group size mtime(UTC) path [-> target]}.
 */
public final class TreeListing {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final BlockStore store;
    private final PrintWriter out;

    public TreeListing(BlockStore store, PrintWriter out) {
        this.store = store;
        this.out = out;
    }

    /**
     * Prints every file of {@code tree}, the root first, parents before children.
     *
     * @throws IOException when a block cannot be read or does not decode
     */
    public void print(VacTree tree) throws IOException {
        DirectoryReader root = tree.directory(store);
        line(tree.rootEntry(), ".", 0, null);
        walk(root, "");
    }

    private void walk(DirectoryReader dir, String prefix) throws IOException {
        for (DirEntry e : dir.list()) {
            String path = prefix + e.elem();
            Entry content = dir.content(e);
            FileKind kind = FileKind.of(e, false);
            String target = null;
            if (kind == FileKind.SYMLINK && content.size() <= 4096) {
                byte[] bytes = new byte[(int) content.size()];
                new StreamReader(store, content).read(0, bytes, 0, bytes.length);
                target = new String(bytes, StandardCharsets.UTF_8);
            }
            line(e, path, e.isDirectory() ? 0 : content.size(), target);
            if (e.isDirectory()) {
                walk(new DirectoryReader(store, dir.subdirectory(e)), path + "/");
            }
        }
    }

    private void line(DirEntry e, String path, long size, String target) {
        long mtime = e.posix() != null ? e.posix().mtime().seconds() : e.mtime();
        out.println(modeString(FileKind.stMode(e, false)) + " " + e.uid() + " " + e.gid() + " " + size + " "
                + TIME.format(Instant.ofEpochSecond(mtime)) + " " + path + (target != null ? " -> " + target : ""));
    }

    /** The ten characters {@code ls -l} shows for a POSIX mode, such as {@code -rwsr-xr-x}. */
    static String modeString(int st) {
        char type = switch (st & 0170000) {
            case 0040000 -> 'd';
            case 0120000 -> 'l';
            case 0060000 -> 'b';
            case 0020000 -> 'c';
            case 0010000 -> 'p';
            case 0140000 -> 's';
            default -> '-';
        };
        StringBuilder s = new StringBuilder().append(type);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((st & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        special(s, 3, (st & 04000) != 0, 's');
        special(s, 6, (st & 02000) != 0, 's');
        special(s, 9, (st & 01000) != 0, 't');
        return s.toString();
    }

    private static void special(StringBuilder s, int at, boolean set, char letter) {
        if (set) {
            s.setCharAt(at, s.charAt(at) == '-' ? Character.toUpperCase(letter) : letter);
        }
    }
}

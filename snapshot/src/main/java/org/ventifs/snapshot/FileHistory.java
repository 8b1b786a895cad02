package org.ventifs.snapshot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ventifs.vac.DirEntry;
import org.ventifs.vac.DirectoryReader;
import org.ventifs.vac.Entry;
import org.ventifs.vac.VacTree;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.NoSuchBlockException;

/**
 * Every distinct version of one path across the dumps, as Plan 9's {@code hist} shows
 * them. Each dump is searched by name from its root (a binary search of each directory's
 * MetaBlocks), and versions are told apart by their content entry and metadata, never by
 * reading file data.
 */
public final class FileHistory {
    /**
     * One version: the first dump holding it.
     *
     * @param dump    the dump's name
     * @param size    bytes of content
     * @param mtimeNs modification time, ns since 1970
     * @param mode    the full st_mode (0 when the tree has no POSIX extension)
     * @param content the content stream's entry (its score tells contents apart)
     */
    public record Version(String dump, long size, long mtimeNs, int mode, Entry content) {
    }

    private FileHistory() {
    }

    /**
     * Returns the versions of {@code path} (relative to the tree's root, {@code /}-separated)
     * in {@code dumps}, oldest first, one per change: a dump whose entry for the path equals
     * the previous one is left out, and so are dumps without the path.
     *
     * @throws IOException when a dump's blocks cannot be read
     */
    public static List<Version> of(BlockStore store, List<DumpRecord> dumps, String path) throws IOException {
        List<Version> versions = new ArrayList<>();
        Version last = null;
        for (DumpRecord dump : dumps) {
            Optional<Version> v = find(store, dump, path);
            if (v.isEmpty()) {
                last = null;
                continue;
            }
            Version now = v.get();
            if (last == null || !last.content().equals(now.content()) || last.mtimeNs() != now.mtimeNs()
                    || last.mode() != now.mode()) {
                versions.add(now);
            }
            last = now;
        }
        return versions;
    }

    private static Optional<Version> find(BlockStore store, DumpRecord dump, String path) throws IOException {
        VacTree tree = VacTree.open(store, dump.root());
        DirectoryReader dir = tree.directory(store);
        String[] parts = path.replaceAll("^/+|/+$", "").split("/+");
        DirEntry found = tree.rootEntry();
        Entry content = tree.streams().entries();
        for (int i = 0; i < parts.length && !parts[i].isEmpty(); i++) {
            if (i > 0) {
                if (!found.isDirectory()) {
                    return Optional.empty();
                }
                dir = new DirectoryReader(store, dir.subdirectory(found));
            }
            Optional<DirEntry> child = dir.lookup(parts[i]);
            if (child.isEmpty()) {
                return Optional.empty();
            }
            found = child.get();
            try {
                content = dir.content(found);
            } catch (NoSuchBlockException e) {
                throw new IOException("dump " + dump.name() + " is damaged: " + e.getMessage(), e);
            }
        }
        long mtime = found.posix() != null
                ? found.posix().mtime().seconds() * 1_000_000_000L + found.posix().mtime().nanos()
                : found.mtime() * 1_000_000_000L;
        int mode = found.posix() != null ? found.posix().mode() : 0;
        return Optional.of(new Version(dump.name(), content.size(), mtime, mode, content));
    }
}

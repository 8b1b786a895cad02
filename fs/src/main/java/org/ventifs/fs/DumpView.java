package org.ventifs.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.ventifs.fs.fuse.Attributes;
import org.ventifs.fs.fuse.DirectoryFiller;
import org.ventifs.fs.fuse.Errno;
import org.ventifs.fs.fuse.FuseException;
import org.ventifs.fs.fuse.Opened;
import org.ventifs.snapshot.Catalog;
import org.ventifs.snapshot.DumpRecord;
import org.ventifs.vac.DirEntry;
import org.ventifs.vac.DirectoryReader;
import org.ventifs.vac.Entry;
import org.ventifs.vac.StreamReader;
import org.ventifs.vac.VacTree;
import org.ventifs.vac.Xattr;
import org.ventifs.venti.BlockStore;

/**
 * The read-only /dump tree: {@code /dump/yyyy/mmdd[.N]} for every dump in the catalog,
 * each the archived tree read from Venti only when entered. Attributes come from the
 * archived DirEntries. The kernel's references to archived files are counted (lookup
 * adds, forget drops), so the table of known nodes stays as small as what is in use.
 * Mutations are the caller's to refuse (EROFS). Thread-safe.
 */
final class DumpView {
    private static final int O_ACCMODE = 3;

    /** An archived file or directory the kernel holds a reference to. */
    private record Node(Attributes attributes, DirEntry meta, Entry content, DirectoryReader directory,
                        AtomicLong lookups) {
    }

    private final Catalog catalog;
    private final BlockStore store;
    private final UserNames names = UserNames.load();
    private final Map<Long, Node> nodes = new ConcurrentHashMap<>();
    private final Map<Long, StreamReader> openFiles = new ConcurrentHashMap<>();
    private final AtomicLong nextHandle = new AtomicLong(1);

    DumpView(Catalog catalog, BlockStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    /** The attributes of /dump itself. */
    Attributes root() {
        DumpRecord newest = catalog.newest();
        return ArchivedAttributes.directory(DumpInodes.ROOT, newest == null ? 0 : newest.frozenAtEpochSecond());
    }

    Attributes lookup(long parent, String name) throws FuseException {
        if (parent == DumpInodes.ROOT) {
            int year = parseYear(name);
            for (DumpRecord r : catalog.list()) {
                if (r.year().equals(name) && year > 0) {
                    return yearAttributes(year);
                }
            }
            throw new FuseException(Errno.ENOENT);
        }
        int year = DumpInodes.yearOf(parent);
        if (year > 0) {
            List<DumpRecord> dumps = catalog.list();
            for (int i = 0; i < dumps.size(); i++) {
                DumpRecord r = dumps.get(i);
                if (r.year().equals(Integer.toString(year)) && r.day().equals(name)) {
                    return remember(enterDump(i, r));
                }
            }
            throw new FuseException(Errno.ENOENT);
        }
        Node dir = directoryNode(parent);
        try {
            Optional<DirEntry> child = dir.directory().lookup(name);
            if (child.isEmpty()) {
                throw new FuseException(Errno.ENOENT);
            }
            return remember(childNode(DumpInodes.dumpOf(parent), dir.directory(), child.get()));
        } catch (IOException e) {
            throw Translate.error(e, "lookup of " + name + " in a dump");
        }
    }

    Attributes getattr(long ino) throws FuseException {
        if (ino == DumpInodes.ROOT) {
            return root();
        }
        int year = DumpInodes.yearOf(ino);
        if (year > 0) {
            return yearAttributes(year);
        }
        return node(ino).attributes();
    }

    void forget(long ino, long count) {
        Node n = nodes.get(ino);
        if (n != null && n.lookups().addAndGet(-count) <= 0) {
            nodes.remove(ino, n);
        }
    }

    byte[] readlink(long ino) throws FuseException {
        Node n = node(ino);
        if ((n.attributes().mode() & 0170000) != 0120000) {
            throw new FuseException(Errno.EINVAL);
        }
        try {
            StreamReader r = new StreamReader(store, n.content());
            byte[] target = new byte[(int) Math.min(r.size(), 1 << 16)];
            int got = r.read(0, target, 0, target.length);
            return got == target.length ? target : java.util.Arrays.copyOf(target, Math.max(0, got));
        } catch (IOException e) {
            throw Translate.error(e, "readlink in a dump");
        }
    }

    Opened open(long ino, int flags) throws FuseException {
        if ((flags & O_ACCMODE) != 0) {
            throw new FuseException(Errno.EROFS);
        }
        Node n = node(ino);
        if (n.content() == null) {
            throw new FuseException(Errno.EISDIR);
        }
        long fh = nextHandle.getAndIncrement();
        openFiles.put(fh, new StreamReader(store, n.content()));
        // A dump never changes, so pages cached by earlier opens stay good.
        return new Opened(fh, Opened.KEEP_CACHE);
    }

    void read(long fh, long offset, ByteBuffer dst) throws FuseException {
        StreamReader r = openFiles.get(fh);
        if (r == null) {
            throw new FuseException(Errno.EBADF);
        }
        int want = (int) Math.max(0, Math.min(dst.remaining(), r.size() - offset));
        if (want == 0) {
            return;
        }
        byte[] buf = new byte[want];
        try {
            int got = r.read(offset, buf, 0, want);
            dst.put(buf, 0, Math.max(0, got));
        } catch (IOException e) {
            throw Translate.error(e, "read in a dump");
        }
    }

    void release(long fh) {
        openFiles.remove(fh);
    }

    void readdir(long ino, long offset, DirectoryFiller filler) throws FuseException {
        List<String[]> listing = new ArrayList<>(); // name, ino, mode
        if (ino == DumpInodes.ROOT) {
            TreeSet<String> years = new TreeSet<>();
            for (DumpRecord r : catalog.list()) {
                years.add(r.year());
            }
            for (String y : years) {
                listing.add(new String[] {y, Long.toString(DumpInodes.year(Integer.parseInt(y))), "16384"});
            }
        } else if (DumpInodes.yearOf(ino) > 0) {
            String year = Integer.toString(DumpInodes.yearOf(ino));
            List<DumpRecord> dumps = catalog.list();
            for (int i = 0; i < dumps.size(); i++) {
                if (dumps.get(i).year().equals(year)) {
                    listing.add(new String[] {dumps.get(i).day(), Long.toString(DumpInodes.file(i, 0)), "16384"});
                }
            }
        } else {
            Node dir = directoryNode(ino);
            int dump = DumpInodes.dumpOf(ino);
            try {
                for (DirEntry d : dir.directory().list()) {
                    int mode = d.posix() != null ? d.posix().mode()
                            : org.ventifs.vac.ModeBits.toPosix(d.mode(), false);
                    listing.add(new String[] {d.elem(), Long.toString(DumpInodes.file(dump, d.qid())),
                            Integer.toString(mode)});
                }
            } catch (IOException e) {
                throw Translate.error(e, "readdir in a dump");
            }
        }
        if (offset == 0 && !filler.add(".", ino, 0040000, 1)) {
            return;
        }
        if (offset <= 1 && !filler.add("..", ino, 0040000, 2)) {
            return;
        }
        for (int i = (int) Math.max(0, offset - 2); i < listing.size(); i++) {
            String[] e = listing.get(i);
            if (!filler.add(e[0], Long.parseLong(e[1]), Integer.parseInt(e[2]), i + 3)) {
                return;
            }
        }
    }

    byte[] getxattr(long ino, String name) throws FuseException {
        for (Xattr x : xattrs(ino)) {
            if (x.name().equals(name)) {
                return x.value();
            }
        }
        throw new FuseException(Errno.ENODATA);
    }

    List<String> listxattr(long ino) throws FuseException {
        List<String> out = new ArrayList<>();
        for (Xattr x : xattrs(ino)) {
            out.add(x.name());
        }
        return out;
    }

    private List<Xattr> xattrs(long ino) throws FuseException {
        if (ino == DumpInodes.ROOT || DumpInodes.yearOf(ino) > 0) {
            return List.of();
        }
        DirEntry meta = node(ino).meta();
        return meta.posix() == null ? List.of() : meta.posix().xattrs();
    }

    private Node enterDump(int index, DumpRecord r) throws FuseException {
        try {
            VacTree tree = VacTree.open(store, r.root());
            DirEntry rootMeta = tree.rootEntry();
            long ino = DumpInodes.file(index, 0);
            Attributes a = ArchivedAttributes.of(rootMeta, 0, ino, names);
            return new Node(a, rootMeta, null, tree.directory(store), new AtomicLong());
        } catch (IOException e) {
            throw Translate.error(e, "opening dump " + r.name() + " (root " + r.root() + ")");
        }
    }

    private Node childNode(int dump, DirectoryReader parent, DirEntry child) throws IOException {
        long ino = DumpInodes.file(dump, child.qid());
        if (child.isDirectory()) {
            DirectoryReader dir = new DirectoryReader(store, parent.subdirectory(child));
            return new Node(ArchivedAttributes.of(child, 0, ino, names), child, null, dir, new AtomicLong());
        }
        Entry content = parent.content(child);
        return new Node(ArchivedAttributes.of(child, content.size(), ino, names), child, content, null,
                new AtomicLong());
    }

    /** Records one more kernel reference to {@code n} and returns its attributes. */
    private Attributes remember(Node n) {
        Node kept = nodes.computeIfAbsent(n.attributes().ino(), k -> n);
        kept.lookups().incrementAndGet();
        return kept.attributes();
    }

    private Node node(long ino) throws FuseException {
        Node n = nodes.get(ino);
        if (n == null) {
            throw new FuseException(Errno.ESTALE);
        }
        return n;
    }

    private Node directoryNode(long ino) throws FuseException {
        Node n = node(ino);
        if (n.directory() == null) {
            throw new FuseException(Errno.ENOTDIR);
        }
        return n;
    }

    private Attributes yearAttributes(int year) {
        long newest = 0;
        for (DumpRecord r : catalog.list()) {
            if (r.year().equals(Integer.toString(year))) {
                newest = Math.max(newest, r.frozenAtEpochSecond());
            }
        }
        return ArchivedAttributes.directory(DumpInodes.year(year), newest);
    }

    private static int parseYear(String name) {
        if (name.length() != 4) {
            return -1;
        }
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

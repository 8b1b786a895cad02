package org.ventifs.vac.posix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.ventifs.vac.DirEntry;
import org.ventifs.vac.DirectoryReader;
import org.ventifs.vac.DirectoryStreams;
import org.ventifs.vac.DirectoryWriter;
import org.ventifs.vac.Entry;
import org.ventifs.vac.ModeBits;
import org.ventifs.vac.NameOrder;
import org.ventifs.vac.PosixExtension;
import org.ventifs.vac.QidSpace;
import org.ventifs.vac.StreamWriter;
import org.ventifs.vac.VacTree;
import org.ventifs.vac.Xattr;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.Score;

/**
 * Archives a directory tree into a vac tree: regular files, directories, symbolic
 * links (the whole target), hard links (one qid, one content stream), devices,
 * FIFOs, with owners, every mode bit, nanosecond times and user xattrs in our POSIX
 * extension. Zero leaves are holes. Given a previous tree, a file whose inode,
 * size, mtime and ctime are unchanged keeps its old content entry unread. The walk
 * runs on the calling thread; file contents and directory blocks are written by a
 * pool. Sockets are skipped (vac has no socket bit), with a warning.
 */
public final class TreeArchiver {
    /** Small files go to the pool in batches of about this many bytes, or this many files. */
    private static final long BATCH_BYTES = 4 << 20;
    private static final int BATCH_FILES = 64;
    /** Threads that examine a large directory's children, and the fewest children each takes. */
    private static final int STAT_THREADS = 4;
    private static final int STAT_CHUNK_MIN = 16;

    private final BlockStore store;
    private final int dsize;
    private final VacTree previous;
    private final Progress progress;
    private final OwnerNames owners = OwnerNames.ofSystem();
    private final Map<String, CompletableFuture<Entry>> hardLinks = new HashMap<>();
    private final Map<String, Long> hardLinkQids = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    /** One pair of read buffers per pool thread. */
    private final ThreadLocal<ReadBuffers> buffers;
    private ExecutorService pool;
    /** The walk's helpers: lstat and xattrs of large directories, apart from the busy content pool. */
    private ExecutorService statPool;
    private BatchedTasks batches;
    private long nextQid = 1;

    /**
     * An archiver writing to {@code store} with leaves of {@code dsize} bytes, reusing
     * unchanged files of {@code previous} (null for none), counting into {@code progress}.
     */
    public TreeArchiver(BlockStore store, int dsize, VacTree previous, Progress progress) {
        this.store = store;
        this.dsize = dsize;
        this.previous = previous;
        this.progress = progress;
        int chunk = Math.max(1, (1 << 20) / dsize) * dsize;
        this.buffers = ThreadLocal.withInitial(() -> new ReadBuffers(ByteBuffer.allocateDirect(chunk), new byte[chunk]));
    }

    /** Warnings gathered by the last run (skipped sockets). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Archives the tree at {@code dir}, syncs the store and returns the root block's score.
     *
     * @throws IOException naming the file that could not be read or the block that could not be written
     */
    public Score archive(Path dir, int threads) throws IOException {
        FileFacts facts = Posix.lstat(dir);
        if (!facts.isDirectory()) {
            throw new IOException(dir + " is not a directory");
        }
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vac-archive");
            t.setDaemon(true);
            return t;
        });
        statPool = Executors.newFixedThreadPool(STAT_THREADS, r -> {
            Thread t = new Thread(r, "vac-stat");
            t.setDaemon(true);
            return t;
        });
        try {
            DirectoryReader prevRoot = previous == null ? null : previous.directory(store);
            batches = new BatchedTasks(pool, BATCH_BYTES, BATCH_FILES);
            CompletableFuture<DirectoryStreams> rootStreams = directory(dir, prevRoot);
            batches.flush();
            DirectoryStreams streams = BatchedTasks.join(rootStreams);
            DirEntry root = dirEntry("/", 0, facts, Xattrs.read(dir)).withQidSpace(new QidSpace(0, nextQid));
            Score score = VacTree.write(store, "", root, streams, dsize, Score.ZERO);
            store.sync();
            return score;
        } finally {
            pool.shutdownNow();
            statPool.shutdownNow();
        }
    }

    /** Walks {@code dir} now and returns the future of its two streams. */
    private CompletableFuture<DirectoryStreams> directory(Path dir, DirectoryReader prev) throws IOException {
        Map<String, DirEntry> prevChildren = new HashMap<>();
        if (prev != null) {
            for (DirEntry e : prev.list()) {
                prevChildren.put(e.elem(), e);
            }
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(NameOrder.FOSSIL::compare);
        List<DirEntry> metas = new ArrayList<>();
        List<CompletableFuture<?>> contents = new ArrayList<>();
        List<ChildFacts> stats = statAll(dir, names, prevChildren);
        for (int i = 0; i < names.size(); i++) {
            String childName = names.get(i);
            Path child = dir.resolve(childName);
            FileFacts facts = stats.get(i).facts();
            if (facts.isSocket()) {
                warnings.add("skipped the socket " + child + " (vac has no socket bit)");
                continue;
            }
            DirEntry old = prevChildren.get(childName);
            CompletableFuture<?> content;
            long qid;
            if (facts.isDirectory()) {
                qid = nextQid++;
                DirectoryReader prevSub = old != null && old.isDirectory()
                        ? new DirectoryReader(store, prev.subdirectory(old)) : null;
                content = directory(child, prevSub);
            } else if (facts.isRegular() && facts.nlink() > 1) {
                String key = facts.dev() + ":" + facts.ino();
                Long linked = hardLinkQids.get(key);
                if (linked != null) {
                    qid = linked;
                    content = hardLinks.get(key);
                    progress.file(0);
                } else {
                    qid = nextQid++;
                    CompletableFuture<Entry> first = file(child, facts, old, prev);
                    hardLinkQids.put(key, qid);
                    hardLinks.put(key, first);
                    content = first;
                }
            } else {
                qid = nextQid++;
                content = file(child, facts, old, prev);
            }
            metas.add(dirEntry(childName, qid, facts, stats.get(i).xattrs()));
            contents.add(content);
        }
        return CompletableFuture.allOf(contents.toArray(new CompletableFuture<?>[0])).thenApplyAsync(done -> {
            try {
                DirectoryWriter writer = new DirectoryWriter(store, Entry.VAC_PSIZE, dsize, NameOrder.FOSSIL);
                for (int i = 0; i < metas.size(); i++) {
                    Object c = contents.get(i).join();
                    if (c instanceof DirectoryStreams sub) {
                        writer.addDirectory(metas.get(i), sub);
                    } else {
                        writer.addFile(metas.get(i), (Entry) c);
                    }
                }
                return writer.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, pool);
    }

    /** The future content entry of a non-directory. */
    private CompletableFuture<Entry> file(Path path, FileFacts facts, DirEntry old, DirectoryReader prev)
            throws IOException {
        if (facts.isRegular()) {
            Entry reusable = unchanged(facts, old, prev);
            if (reusable != null) {
                progress.reusedFile(reusable.size());
                return CompletableFuture.completedFuture(reusable);
            }
            return batches.submit(facts.size(), () -> {
                Entry e = regularContent(path);
                progress.file(e.size());
                return e;
            });
        }
        byte[] bytes;
        if (facts.isSymlink()) {
            bytes = Posix.readlink(path);
        } else if (facts.isDevice()) {
            bytes = DeviceText.of(facts).getBytes(StandardCharsets.US_ASCII);
        } else {
            bytes = new byte[0];
        }
        progress.file(bytes.length);
        return CompletableFuture.completedFuture(smallContent(bytes));
    }

    /** The old content entry when the file is unchanged since {@code old} was archived, else null. */
    private Entry unchanged(FileFacts facts, DirEntry old, DirectoryReader prev) throws IOException {
        if (old == null || old.posix() == null) {
            return null;
        }
        PosixExtension p = old.posix();
        if ((p.mode() & ModeBits.S_IFMT) != ModeBits.S_IFREG || p.ino() != facts.ino()
                || !p.mtime().equals(facts.mtime()) || !p.ctime().equals(facts.ctime())) {
            return null;
        }
        Entry content = prev.content(old);
        return content.active() && !content.dir() && content.size() == facts.size() && content.dsize() == dsize
                ? content : null;
    }

    private Entry regularContent(Path path) throws IOException {
        StreamWriter writer = new StreamWriter(store, false, Entry.VAC_PSIZE, dsize);
        ReadBuffers buf = buffers.get();
        int chunk = buf.file.capacity();
        try {
            int fd = Posix.openForReading(path);
            try {
                while (true) {
                    buf.file.clear();
                    while (buf.file.hasRemaining() && Posix.read(fd, buf.file, path) > 0) {
                        // fill the chunk, or stop at the end of the file
                    }
                    int n = buf.file.position();
                    buf.file.flip().get(buf.leaves, 0, n);
                    for (int at = 0; at < n; at += dsize) {
                        writer.appendLeaf(buf.leaves, at, Math.min(dsize, n - at));
                    }
                    if (n < chunk) {
                        break;
                    }
                }
            } finally {
                Posix.close(fd, path);
            }
        } catch (IOException e) {
            throw new IOException("cannot archive " + path + ": " + e.getMessage(), e);
        }
        return writer.finish();
    }

    /**
     * A pool thread's buffers, a whole number of leaves of about 1 MiB: the file is read
     * into direct memory (no copy inside the JDK), then its leaves hashed from the array.
     */
    private record ReadBuffers(ByteBuffer file, byte[] leaves) {
    }

    private Entry smallContent(byte[] bytes) throws IOException {
        StreamWriter writer = new StreamWriter(store, false, Entry.VAC_PSIZE, dsize);
        for (int at = 0; at < bytes.length; at += dsize) {
            writer.appendLeaf(bytes, at, Math.min(dsize, bytes.length - at));
        }
        return writer.finish();
    }

    /** What the walk needs to know of one child before archiving it. */
    private record ChildFacts(FileFacts facts, List<Xattr> xattrs) {
    }

    /**
     * lstat and the extended attributes of every child of {@code dir}, in the order of
     * {@code names}; a large directory is examined by several threads at once, so that
     * inodes not in memory are read from the disk in parallel.
     */
    private List<ChildFacts> statAll(Path dir, List<String> names, Map<String, DirEntry> prevChildren)
            throws IOException {
        int parts = Math.min(STAT_THREADS, names.size() / STAT_CHUNK_MIN);
        if (parts <= 1) {
            return stat(dir, names, prevChildren);
        }
        List<CompletableFuture<List<ChildFacts>>> futures = new ArrayList<>();
        int per = (names.size() + parts - 1) / parts;
        for (int from = 0; from < names.size(); from += per) {
            List<String> slice = names.subList(from, Math.min(names.size(), from + per));
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return stat(dir, slice, prevChildren);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, statPool));
        }
        List<ChildFacts> all = new ArrayList<>(names.size());
        for (CompletableFuture<List<ChildFacts>> f : futures) {
            all.addAll(BatchedTasks.join(f));
        }
        return all;
    }

    private static List<ChildFacts> stat(Path dir, List<String> names, Map<String, DirEntry> prevChildren)
            throws IOException {
        List<ChildFacts> out = new ArrayList<>(names.size());
        for (String name : names) {
            Path child = dir.resolve(name);
            FileFacts facts = Posix.lstat(child);
            List<Xattr> xattrs = facts.isSocket() ? List.of() : xattrs(child, facts, prevChildren.get(name));
            out.add(new ChildFacts(facts, xattrs));
        }
        return out;
    }

    /**
     * The extended attributes of {@code path}: those recorded in {@code old} when its inode
     * and ctime are unchanged (setting an attribute changes the ctime), else read afresh.
     */
    private static List<Xattr> xattrs(Path path, FileFacts facts, DirEntry old) throws IOException {
        PosixExtension p = old == null ? null : old.posix();
        if (p != null && p.ino() == facts.ino() && p.ctime().equals(facts.ctime())) {
            return p.xattrs();
        }
        return Xattrs.read(path);
    }

    private DirEntry dirEntry(String name, long qid, FileFacts facts, List<Xattr> xattrs) {
        String user = owners.user(facts.uid());
        PosixExtension posix = new PosixExtension(facts.mode(), facts.uid(), facts.gid(), facts.rdev(), facts.ino(),
                facts.mtime(), facts.atime(), facts.ctime(), xattrs);
        return new DirEntry(name, 0, 0, 0, 0, qid, user, owners.group(facts.gid()), user,
                unsigned32(facts.mtime().seconds()), 0, unsigned32(facts.ctime().seconds()),
                unsigned32(facts.atime().seconds()), ModeBits.fromPosix(facts.mode()), null, posix);
    }

    private static long unsigned32(long seconds) {
        return Math.max(0, Math.min(0xffffffffL, seconds));
    }
}

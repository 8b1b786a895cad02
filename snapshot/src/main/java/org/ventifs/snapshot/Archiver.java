package org.ventifs.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAccumulator;
import org.ventifs.cache.Attr;
import org.ventifs.cache.Cache;
import org.ventifs.cache.Errno;
import org.ventifs.cache.ErrnoException;
import org.ventifs.cache.FileType;
import org.ventifs.cache.FrozenTree;
import org.ventifs.cache.Link;
import org.ventifs.vac.DirEntry;
import org.ventifs.vac.DirectoryStreams;
import org.ventifs.vac.DirectoryWriter;
import org.ventifs.vac.Entry;
import org.ventifs.vac.NameOrder;
import org.ventifs.vac.QidSpace;
import org.ventifs.vac.VacTree;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.Score;

/**
 * Writes one frozen epoch of the cache to Venti as a vac tree (docs/archive-format.md).
 * Only what the epoch changed is visited: the changed inodes, and the directories above
 * them (found through the reverse links), which are rebuilt; every other child keeps its
 * base, the entry (or entry pair) of its last archived version, unread. Returns the new
 * root and the bases to install with {@link Cache#retire}. Not thread-safe; one use.
 */
final class Archiver {
    private static final int READDIR_BATCH = 1024;
    /** One per core: measured on 2 cores, 4 threads archived the medium corpus 1.5-1.9x slower than 2. */
    private static final int CONTENT_THREADS = Runtime.getRuntime().availableProcessors();

    private final FrozenTree tree;
    private final BlockStore store;
    private final ProgressCounter progress;
    private final ArchivedMetadata metadata;
    private final ContentArchiver contents;
    private final Map<Long, byte[]> newBases = new ConcurrentHashMap<>();
    /** The attributes of the inodes the epoch changed, as frozen; written before the directories are rebuilt. */
    private final Map<Long, Attr> changed = new HashMap<>();
    private final Set<Long> rebuild = new HashSet<>();
    private final LongAccumulator highestQid = new LongAccumulator(Math::max, Cache.ROOT);

    /**
     * The result of an archive.
     *
     * @param root     the score of the new vac root block
     * @param newBases by inode: the new base of each file and directory written
     */
    record Result(Score root, Map<Long, byte[]> newBases) {
    }

    Archiver(FrozenTree tree, BlockStore store, ProgressCounter progress) {
        this.tree = tree;
        this.store = store;
        this.progress = progress;
        this.metadata = new ArchivedMetadata(tree);
        this.contents = new ContentArchiver(tree, store, progress);
    }

    /**
     * Archives the frozen tree as the vac tree named {@code name} whose root points back at
     * {@code prev} (the zero score for the first dump), and returns its root.
     *
     * @throws IOException when the cache or the store fails
     */
    Result archive(String name, Score prev) throws IOException {
        if (!prev.isZero()) {
            QidSpace space = VacTree.open(store, prev).rootEntry().qidSpace();
            if (space != null) {
                highestQid.accumulate(space.max() - 1);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONTENT_THREADS, r -> {
            Thread t = new Thread(r, "ventifs archiver content");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> contentWritten = findChanges(pool);
            progress.phaseDone("changes");
            awaitAll(contentWritten);
            progress.phaseDone("content");
        } finally {
            pool.shutdownNow();
        }
        Attr rootAttr = tree.getattr(Cache.ROOT);
        DirectoryStreams streams = rebuildDirectories(rootAttr);
        DirEntry rootEntry = metadata.of("/", rootAttr).withQidSpace(new QidSpace(0, highestQid.get() + 1));
        Score root = VacTree.write(store, name, rootEntry, streams, tree.blockSize(), prev);
        return new Result(root, Map.copyOf(newBases));
    }

    /**
     * Marks the changed inodes, and every directory above a changed inode for rebuilding,
     * and hands each changed regular file to {@code pool} as soon as it is found, so that
     * the content threads start while the changes are still being listed. Open files that
     * no directory names any more are included: the cache may retire their dirty blocks
     * only once they are in Venti.
     */
    private List<Future<?>> findChanges(ExecutorService pool) throws IOException {
        List<Future<?>> contentWritten = new ArrayList<>();
        for (long ino : tree.changedInodes()) {
            Attr attr = attrOrNull(ino);
            if (attr == null) {
                continue; // deleted before the freeze: its parent changed too
            }
            changed.put(ino, attr);
            highestQid.accumulate(ino);
            if (attr.type() == FileType.DIRECTORY) {
                rebuild.add(ino);
            } else if (attr.type() == FileType.REGULAR) {
                contentWritten.add(pool.submit(() -> {
                    newBases.put(attr.ino(), contents.archive(attr, tree.base(attr.ino())).encode());
                    return null;
                }));
            }
            for (Link link : tree.links(ino)) {
                markUpwards(link.parent());
            }
        }
        return contentWritten;
    }

    private void markUpwards(long dir) throws IOException {
        while (rebuild.add(dir) && dir != Cache.ROOT) {
            List<Link> up = tree.links(dir);
            if (up.isEmpty()) {
                return; // an unlinked directory still open
            }
            dir = up.get(0).parent();
        }
    }

    /** The streams of the root directory, rebuilding the changed directories below it on one thread per core. */
    private DirectoryStreams rebuildDirectories(Attr root) throws IOException {
        ForkJoinPool directoryPool = new ForkJoinPool(CONTENT_THREADS);
        try {
            return directoryPool.invoke(ForkJoinTask.adapt(() -> directoryStreams(root)));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IOException io) {
                    throw io;
                }
            }
            throw e;
        } finally {
            // Subtrees forked before a failure may still run: let them end before the view closes.
            directoryPool.shutdown();
            try {
                directoryPool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The streams of directory {@code attr}: rebuilt when it or anything below changed, else
     * its base. Runs in the directory pool; the subdirectories of each batch of children
     * that need rebuilding are forked, then joined in name order.
     *
     * @throws UncheckedIOException when the cache or the store fails
     */
    private DirectoryStreams directoryStreams(Attr attr) {
        try {
            byte[] base = tree.base(attr.ino());
            if (!rebuild.contains(attr.ino()) && base.length == DirectoryBase.SIZE) {
                return DirectoryBase.decode(base).streams();
            }
            DirectoryWriter writer = new DirectoryWriter(store, Entry.VAC_PSIZE, tree.blockSize(), NameOrder.FOSSIL);
            long cookie = 0;
            while (true) {
                List<org.ventifs.cache.DirEntry> batch = tree.readdir(attr.ino(), cookie, READDIR_BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                addChildren(writer, batch);
                cookie = batch.get(batch.size() - 1).cookie();
            }
            DirectoryStreams streams = writer.finish();
            newBases.put(attr.ino(), new DirectoryBase(streams).encode());
            progress.file(0);
            return streams;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addChildren(DirectoryWriter writer, List<org.ventifs.cache.DirEntry> batch) throws IOException {
        List<Attr> attrs = new ArrayList<>(batch.size());
        List<ForkJoinTask<DirectoryStreams>> subdirectories = new ArrayList<>(batch.size());
        for (org.ventifs.cache.DirEntry child : batch) {
            Attr attr = child.type() == FileType.SOCKET ? null : changedOrFrozenAttr(child.ino());
            attrs.add(attr);
            subdirectories.add(attr != null && attr.type() == FileType.DIRECTORY
                    ? ForkJoinTask.adapt(() -> directoryStreams(attr)).fork() : null);
        }
        for (int i = 0; i < batch.size(); i++) {
            Attr attr = attrs.get(i);
            if (attr == null) {
                continue; // vac has no socket bit; a socket's meaning dies with its process anyway
            }
            highestQid.accumulate(attr.ino());
            DirEntry meta = metadata.of(batch.get(i).name(), attr);
            if (subdirectories.get(i) != null) {
                writer.addDirectory(meta, subdirectories.get(i).join());
            } else {
                writer.addFile(meta, fileContent(attr));
            }
        }
    }

    /** The content entry of a non-directory: written once per inode (hard links share it), or its base. */
    private Entry fileContent(Attr attr) throws IOException {
        long ino = attr.ino();
        byte[] written = newBases.get(ino);
        if (written != null) {
            return Entry.decode(written, 0);
        }
        byte[] base = tree.base(ino);
        if (!changed.containsKey(ino) && base.length == Entry.SIZE) {
            return Entry.decode(base, 0);
        }
        Entry content = contents.archive(attr, base);
        newBases.put(ino, content.encode());
        return content;
    }

    /** Waits for the content of every changed regular file (hashing and compressing blocks is the archive's main cost). */
    private static void awaitAll(List<Future<?>> contentWritten) throws IOException {
        try {
            for (Future<?> f : contentWritten) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("the archive was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("archiving a file failed: " + e.getCause(), e.getCause());
        }
    }

    /** The attributes of {@code ino} as frozen: remembered when the epoch changed it, else read. */
    private Attr changedOrFrozenAttr(long ino) throws IOException {
        Attr attr = changed.get(ino);
        return attr != null ? attr : tree.getattr(ino);
    }

    private Attr attrOrNull(long ino) throws IOException {
        try {
            return tree.getattr(ino);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT) {
                return null;
            }
            throw e;
        }
    }
}

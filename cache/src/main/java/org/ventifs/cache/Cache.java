package org.ventifs.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;
import org.ventifs.venti.BlockStore;

/**
 * The writable disk cache: the active tree of one file system, in one LMDB environment
 * (docs/cache-format.md). The API is inode-based like FUSE's low-level API; the root
 * directory is inode {@link #ROOT}. Every method is atomic: it either happens entirely or
 * fails with an {@link ErrnoException} and changes nothing. Changes are grouped into one LMDB
 * commit for up to {@link GroupCommit#MAX_AGE_NANOS} ({@link GroupCommit}); a kill of the
 * process or a power loss keeps every group committed before it (a power loss may undo the
 * last), and every change made before a {@link #sync()} returned. Thread-safe: writers are
 * serialised by one lock; readers wait for it only while a group is open.
 *
 * <p>What the caller (the mount) does itself: permission checks (the kernel's
 * {@code default_permissions}), "." and ".." in listings, and the times of reads: the cache
 * never changes atime on its own, as with {@code noatime}.
 */
public final class Cache implements TreeView, AutoCloseable {
    /** The root directory's inode number. */
    public static final long ROOT = TreeReader.ROOT;
    /** The block size {@code ventifs format} uses unless told otherwise (docs/cache-format.md says why). */
    public static final int DEFAULT_BLOCK_SIZE = 32 * 1024;
    /** How often committed changes are forced to disk without an fsync (the meta page of the last commit). */
    static final long SYNC_INTERVAL_MS = 5000;
    /** The pages an operation's B-tree changes may take: a leaf and its branches in a few tables. */
    private static final long METADATA_PAGES = 8;
    /** How often the open group is checked for age, so that an idle cache commits it. */
    private static final long GROUP_CHECK_MS = GroupCommit.MAX_AGE_NANOS / 2_000_000;

    private final Path dir;
    private final CacheEnvironment db;
    private final FileContent content;
    private final TreeReader reader;
    private final LongSupplier clock;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final GroupCommit group;
    /** The pages one dirty block takes in LMDB (an overflow run: a 16-byte page header, the epoch, the data). */
    private final long pagesPerBlock;
    private final Map<Long, Integer> openCounts = new HashMap<>();
    private final AtomicBoolean unsynced = new AtomicBoolean();
    private final Queue<Txn<ByteBuffer>> idleReaders = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService syncer;
    private CacheHeader header;
    private FrozenTree frozen;

    private Cache(Path dir, CacheEnvironment db, CacheHeader header, BaseReader bases, LongSupplier clock) {
        this.dir = dir;
        this.db = db;
        this.header = header;
        this.clock = clock;
        this.content = new FileContent(db, header.blockSize(), bases);
        this.reader = new TreeReader(db, content);
        this.group = new GroupCommit(db, dir.toString());
        this.pagesPerBlock = (16 + 8 + header.blockSize() + db.pageSize - 1) / db.pageSize;
        this.syncer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cache-sync " + dir);
            t.setDaemon(true);
            return t;
        });
        syncer.scheduleWithFixedDelay(this::syncIfNeeded, SYNC_INTERVAL_MS, SYNC_INTERVAL_MS, TimeUnit.MILLISECONDS);
        syncer.scheduleWithFixedDelay(this::commitIfDue, GROUP_CHECK_MS, GROUP_CHECK_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Creates an empty cache in {@code dir}: a root directory owned by {@code rootUid}:{@code rootGid}
     * with mode 0755, room for {@code capacityBytes} of data and metadata, and dirty blocks of
     * {@code blockSize} bytes.
     *
     * @throws IOException when {@code dir} already holds a cache, cannot be written, or its disk has less
     *     free space than {@code capacityBytes}
     * @throws IllegalArgumentException when the block size is not a multiple of 512 from 512 to 56 KiB,
     *     or the capacity is under 4 MiB
     */
    public static void format(Path dir, long capacityBytes, int blockSize, int rootUid, int rootGid)
            throws IOException {
        if (blockSize < 512 || blockSize > BlockStore.MAX_BLOCK_SIZE || blockSize % 512 != 0) {
            throw new IllegalArgumentException("block size " + blockSize + " must be a multiple of 512 from 512 to "
                    + BlockStore.MAX_BLOCK_SIZE);
        }
        if (capacityBytes < (4 << 20)) {
            throw new IllegalArgumentException("capacity " + capacityBytes + " is under the 4 MiB minimum");
        }
        if (CacheEnvironment.exists(dir)) {
            throw new IOException("a cache already exists in " + dir + "; remove it or choose another directory");
        }
        long capacity = (capacityBytes + 65535) & ~65535L;
        Files.createDirectories(dir);
        long usable = Files.getFileStore(dir).getUsableSpace();
        if (usable < capacity) {
            // The map is written through memory: a full disk under it would kill the process (SIGBUS).
            throw new IOException("the disk under " + dir + " has " + (usable >> 20) + " MiB free, less than the "
                    + (capacity >> 20) + " MiB cache capacity asked for; choose a smaller capacity or free space");
        }
        try (CacheEnvironment db = CacheEnvironment.open(dir, capacity); Txn<ByteBuffer> txn = db.env.txnWrite()) {
            CacheHeader h = new CacheHeader(CacheHeader.VERSION, blockSize, capacity, 1, ROOT + 1, 1, 0);
            db.putHeader(txn, h);
            InodeRecord root = InodeRecord.fresh(FileType.DIRECTORY, 0755, rootUid, rootGid, 2, h.generation(),
                    wallClockNs(), 0, new byte[0]);
            db.inodes.put(txn, LongKeys.of(ROOT), root.encode());
            txn.commit();
            db.sync();
        }
    }

    /**
     * Opens the cache in {@code dir}, reclaiming the inodes left unlinked-but-open by a crash.
     * File bases are read from {@code venti} (when null, reading base bytes fails with EIO).
     * Only one process may have a cache open.
     *
     * @throws IOException naming {@code dir} when it holds no cache, another format version, or corrupt bytes
     */
    public static Cache open(Path dir, BlockStore venti) throws IOException {
        return open(dir, venti == null ? null : new VacBaseReader(venti), Cache::wallClockNs);
    }

    /** As {@link #open(Path, BlockStore)}, with the base reader and clock given (for tests). */
    static Cache open(Path dir, BaseReader bases, LongSupplier clock) throws IOException {
        if (!CacheEnvironment.exists(dir)) {
            throw new IOException("no cache in " + dir + "; run ventifs format to create one");
        }
        CacheEnvironment db = CacheEnvironment.open(dir, 1 << 20);
        try {
            CacheHeader h;
            try (Txn<ByteBuffer> txn = db.env.txnRead()) {
                h = db.header(txn);
            }
            if (h == null) {
                throw new IOException("the cache in " + dir + " has no header; it was not fully formatted, remove it and format again");
            }
            if (h.version() != CacheHeader.VERSION) {
                throw new IOException("the cache in " + dir + " has format version " + h.version()
                        + " but this ventifs reads version " + CacheHeader.VERSION + "; use a matching ventifs");
            }
            db.resize(h.capacity());
            Cache cache = new Cache(dir, db, h, bases, clock);
            cache.reclaimOrphans();
            return cache;
        } catch (CorruptRecordException e) {
            db.close();
            throw new IOException("the cache in " + dir + " is corrupt: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * The environment, for the consistency check of the tests. Commits the open group first,
     * so that the tests' read transactions see every operation finished before the call.
     */
    CacheEnvironment environment() throws IOException {
        commitOpenGroup();
        return db;
    }

    /** The dirty block size fixed at format time. */
    public int blockSize() {
        return header.blockSize();
    }

    @Override
    public Attr lookup(long parent, String name) throws IOException {
        return read(txn -> reader.lookup(txn, parent, name));
    }

    /** The directory entries naming {@code ino} (none for the root or an unlinked inode). */
    public List<Link> links(long ino) throws IOException {
        return read(txn -> reader.publicLinks(txn, ino));
    }

    @Override
    public Attr getattr(long ino) throws IOException {
        return read(txn -> reader.inode(txn, ino).attr(ino));
    }

    /** Creates an empty regular file with permissions {@code perm}. @throws ErrnoException EEXIST, ENOENT, ENOTDIR, EINVAL, ENAMETOOLONG, ENOSPC */
    public Attr create(long parent, String name, int perm, int uid, int gid) throws IOException {
        return mutate(true, w -> w.make(parent, name, FileType.REGULAR, perm, uid, gid, 0, new byte[0]));
    }

    /**
     * Creates a node of the type in {@code mode}'s {@code S_IFMT} bits (FIFO, device, socket or
     * regular file) with device number {@code rdev}. @throws ErrnoException EINVAL for a directory,
     * symbolic link or unknown type, or as {@link #create}
     */
    public Attr mknod(long parent, String name, int mode, long rdev, int uid, int gid) throws IOException {
        FileType type = FileType.ofMode(mode);
        if (type == null || type == FileType.DIRECTORY || type == FileType.SYMLINK) {
            throw new ErrnoException(Errno.EINVAL, "mknod cannot make mode " + Integer.toOctalString(mode));
        }
        long dev = type == FileType.CHAR_DEVICE || type == FileType.BLOCK_DEVICE ? rdev : 0;
        return mutate(true, w -> w.make(parent, name, type, mode, uid, gid, dev, new byte[0]));
    }

    /** Creates an empty directory (setgid is inherited from {@code parent}). @throws ErrnoException as {@link #create}, and EMLINK */
    public Attr mkdir(long parent, String name, int perm, int uid, int gid) throws IOException {
        return mutate(true, w -> w.make(parent, name, FileType.DIRECTORY, perm, uid, gid, 0, new byte[0]));
    }

    /** Creates a symbolic link to {@code target}. @throws ErrnoException ENAMETOOLONG for a target over 4095 bytes, or as {@link #create} */
    public Attr symlink(long parent, String name, String target, int uid, int gid) throws IOException {
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > TreeWriter.SYMLINK_MAX) {
            throw new ErrnoException(bytes.length == 0 ? Errno.ENOENT : Errno.ENAMETOOLONG,
                    "a symbolic link target must be 1 to " + TreeWriter.SYMLINK_MAX + " bytes");
        }
        return mutate(true, w -> w.make(parent, name, FileType.SYMLINK, 0777, uid, gid, 0, bytes));
    }

    @Override
    public String readlink(long ino) throws IOException {
        return read(txn -> reader.readlink(txn, ino));
    }

    /** Adds the name {@code newName} in {@code newParent} for {@code ino}. @throws ErrnoException EPERM for directories, EEXIST, EMLINK, ENOENT */
    public Attr link(long ino, long newParent, String newName) throws IOException {
        return mutate(true, w -> w.link(ino, newParent, newName));
    }

    /**
     * Removes a non-directory entry. The inode goes with its last link, unless it is open:
     * then it lives on, unnamed, until its last {@link #release}. @throws ErrnoException ENOENT, EISDIR
     */
    public void unlink(long parent, String name) throws IOException {
        mutate(false, w -> {
            w.unlink(parent, name);
            return null;
        });
    }

    /** Removes an empty directory. @throws ErrnoException ENOENT, ENOTDIR, ENOTEMPTY */
    public void rmdir(long parent, String name) throws IOException {
        mutate(false, w -> {
            w.rmdir(parent, name);
            return null;
        });
    }

    /**
     * Renames as rename(2): an existing target is replaced (an empty directory by a directory,
     * a non-directory by a non-directory); both names for one inode do nothing.
     * @throws ErrnoException ENOENT, EINVAL (a directory into itself), ENOTDIR, EISDIR, ENOTEMPTY, EMLINK
     */
    public void rename(long parent, String name, long newParent, String newName) throws IOException {
        mutate(false, w -> {
            w.rename(parent, name, newParent, newName);
            return null;
        });
    }

    /** Marks {@code ino} open, so unlinking it keeps its data until {@link #release}. @throws ErrnoException ENOENT */
    public void open(long ino) throws IOException {
        writeLock.lock();
        try {
            read(txn -> reader.inode(txn, ino));
            openCounts.merge(ino, 1, Integer::sum);
        } finally {
            writeLock.unlock();
        }
    }

    /** Undoes one {@link #open}; the last release of an unlinked inode deletes it. */
    public void release(long ino) throws IOException {
        writeLock.lock();
        try {
            Integer count = openCounts.get(ino);
            if (count == null) {
                return;
            }
            if (count > 1) {
                openCounts.put(ino, count - 1);
                return;
            }
            openCounts.remove(ino);
            mutate(false, w -> {
                w.deleteIfUnlinked(ino);
                return null;
            });
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public int read(long ino, long offset, byte[] dst, int dstOffset, int length) throws IOException {
        BaseReads later = new BaseReads();
        int n = read(txn -> reader.read(txn, ino, offset, dst, dstOffset, length, later));
        reader.readBases(later); // outside the transaction and the lock: Venti may be slow
        return n;
    }

    /**
     * Writes {@code length} bytes of {@code src} at {@code offset}, growing the file as needed;
     * returns {@code length}. @throws ErrnoException ENOENT, EISDIR, EINVAL, EFBIG, ENOSPC
     */
    public int write(long ino, long offset, byte[] src, int srcOffset, int length) throws IOException {
        int bs = header.blockSize();
        long blocks = length == 0 ? 0 : (offset + length - 1) / bs - offset / bs + 1;
        return mutate(true, METADATA_PAGES + blocks * pagesPerBlock, w -> w.write(ino, offset, src, srcOffset, length));
    }

    /**
     * Changes attributes (the size truncates or extends a regular file, and sets mtime unless
     * given); ctime becomes now. @throws ErrnoException ENOENT, EISDIR or EINVAL when sizing a non-file, EFBIG
     */
    public Attr setattr(long ino, AttrChange change) throws IOException {
        return mutate(false, w -> w.setattr(ino, change));
    }

    @Override
    public List<DirEntry> readdir(long dir, long offset, int max) throws IOException {
        return read(txn -> reader.readdir(txn, dir, offset, max));
    }

    @Override
    public byte[] getxattr(long ino, String name) throws IOException {
        return read(txn -> reader.getxattr(txn, ino, name));
    }

    /** Sets extended attribute {@code name}. @throws ErrnoException EEXIST or ENODATA per {@code mode}, ERANGE, E2BIG, ENOSPC */
    public void setxattr(long ino, String name, byte[] value, XattrMode mode) throws IOException {
        mutate(true, w -> {
            w.setxattr(ino, name, value, mode);
            return null;
        });
    }

    @Override
    public List<String> listxattr(long ino) throws IOException {
        return read(txn -> reader.listxattr(txn, ino));
    }

    /** Removes extended attribute {@code name}. @throws ErrnoException ENOENT, ENODATA */
    public void removexattr(long ino, String name) throws IOException {
        mutate(false, w -> {
            w.removexattr(ino, name);
            return null;
        });
    }

    /** Returns the capacity and what is free, as the next write would find it. */
    public StatFs statfs() throws IOException {
        return read(txn -> {
            long total = db.mapPages() - db.reservePages();
            long free = Math.max(0, total - db.usedPages(txn));
            long inodes = db.inodes.stat(txn).entries;
            long freeFiles = free * db.pageSize / 512;
            return new StatFs(db.pageSize, total, free, inodes + freeFiles, freeFiles, TreeReader.NAME_MAX);
        });
    }

    /** The file data waiting for the next snapshot, counted now in one read view (O(dirty blocks), leaf pages only). */
    public DirtyData dirtyData() throws IOException {
        return read(txn -> DirtyData.count(db, txn));
    }

    /** Returns only when every change made before the call is on disk (fsync of a file or of the whole tree). */
    public void sync() throws IOException {
        try {
            commitOpenGroup();
            unsynced.set(false);
            db.sync();
        } catch (LmdbException e) {
            throw new IOException("cannot sync the cache in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void commitIfDue() {
        if ((group.generation() & 1) == 0) {
            return; // no group is open
        }
        writeLock.lock();
        try {
            if (group.due()) {
                commitGroup();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("ventifs: " + e.getMessage());
        } finally {
            writeLock.unlock();
        }
    }

    /** Takes the write lock and commits the open group. */
    private void commitOpenGroup() throws IOException {
        writeLock.lock();
        try {
            commitGroup();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Commits the open group (the caller holds the write lock). When that fails, the group's
     * operations are gone and the header is read back as the last commit left it.
     */
    private void commitGroup() throws IOException {
        try {
            group.commit();
        } catch (LmdbException e) {
            try (Txn<ByteBuffer> txn = db.env.txnRead()) {
                header = db.header(txn);
            }
            throw new IOException("cannot commit to the cache in " + dir + "; the changes of the last "
                    + GroupCommit.MAX_AGE_NANOS / 1_000_000 + " ms are lost: " + e.getMessage(), e);
        }
    }

    private void syncIfNeeded() {
        if (unsynced.get()) {
            try {
                sync();
            } catch (IOException | RuntimeException e) {
                System.err.println("ventifs: " + e.getMessage());
            }
        }
    }

    /**
     * Freezes the tree in O(1): the returned view shows the tree exactly as of this call
     * (with the inodes changed since the last retire, their dirty blocks and bases) while
     * writers carry on in the next epoch. Only one view may be outstanding: {@link #retire}
     * or {@link FrozenTree#close()} it before freezing again. The view does not survive a
     * crash or {@link #close()}; freeze again after reopening.
     *
     * @throws IllegalStateException when a frozen view is still outstanding
     */
    public FrozenTree freeze() throws IOException {
        writeLock.lock();
        try {
            if (frozen != null && !frozen.isClosed()) {
                throw new IllegalStateException("epoch " + frozen.epoch() + " is still frozen; retire or close it first");
            }
            long frozenEpoch = header.epoch();
            CacheHeader next = header.withEpoch(frozenEpoch + 1);
            inOperation(0, txn -> {
                db.putHeader(txn, next);
                return null;
            });
            commitGroup();
            header = next;
            frozen = new FrozenTree(db, reader, content, db.env.txnRead(), frozenEpoch, header.retiredEpoch());
            return frozen;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Installs the archived versions of the frozen epoch {@code epoch} and closes its view (in
     * every case, first, so that the space it pins is free for this step), then in one
     * transaction: each inode in {@code newBases} gets that base (a 40-byte vac entry for a
     * file), its dirty blocks of epoch {@code epoch} or older are dropped (blocks rewritten
     * since the freeze stay), and base bytes past any truncation made since the freeze stay
     * hidden. Inodes deleted since the freeze are skipped. On failure nothing is changed;
     * freeze again to retry. Call it only once the blocks of the new bases are durable in
     * Venti ({@code BlockStore.sync()} returned): from here on the cache holds only the base.
     *
     * @throws IllegalStateException when {@code epoch} is not the outstanding frozen view's
     * @throws IllegalArgumentException when an inode was not in the frozen tree, a base is empty or
     *     over 65535 bytes, or a changed regular file with dirty blocks in the epoch has no new base
     * @throws ErrnoException ENOSPC when even the reserve cannot hold the change
     */
    public void retire(long epoch, Map<Long, byte[]> newBases) throws IOException {
        writeLock.lock();
        try {
            if (frozen == null || frozen.isClosed() || frozen.epoch() != epoch) {
                throw new IllegalStateException("epoch " + epoch + " is not the outstanding frozen epoch");
            }
            Map<Long, Long> sizesAtFreeze = new HashMap<>();
            try {
                for (long ino : newBases.keySet()) {
                    InodeRecord rec = frozen.inodeOrNull(ino);
                    if (rec == null) {
                        throw new IllegalArgumentException("inode " + ino + " is not in the tree frozen at epoch " + epoch);
                    }
                    sizesAtFreeze.put(ino, rec.size());
                }
            } catch (CorruptRecordException e) {
                throw TreeReader.corrupt(e);
            } finally {
                frozen.close();
            }
            CacheHeader next = header.withRetiredEpoch(epoch);
            commitGroup(); // the retirement is a group of its own: it may touch many pages
            inOperation(0, txn -> {
                new Retirement(db, reader, content, epoch, sizesAtFreeze, txn).retire(newBases);
                db.putHeader(txn, next);
                return null;
            });
            commitGroup();
            header = next;
        } finally {
            writeLock.unlock();
        }
    }

    /** Stops the periodic sync, syncs, and closes the environment; an outstanding frozen view is closed. */
    @Override
    public void close() throws IOException {
        syncer.shutdown(); // before taking the lock: its tasks take it too
        try {
            syncer.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeLock.lock();
        try {
            if (frozen != null) {
                frozen.close();
            }
            for (Txn<ByteBuffer> txn; (txn = idleReaders.poll()) != null; ) {
                txn.close();
            }
            if (!db.env.isClosed()) {
                commitGroup();
                group.close();
                db.sync();
                db.close();
            }
        } finally {
            writeLock.unlock();
        }
    }

    private boolean isOpen(long ino) {
        return openCounts.containsKey(ino);
    }

    private void reclaimOrphans() throws IOException {
        mutate(false, w -> {
            w.deleteOrphans();
            return null;
        });
    }

    /** A step inside a write transaction. */
    private interface Mutation<R> {
        R apply(TreeWriter w) throws IOException;
    }

    private <R> R mutate(boolean consumesSpace, Mutation<R> op) throws IOException {
        return mutate(consumesSpace, METADATA_PAGES, op);
    }

    /**
     * Runs {@code op} as one operation of the open group; {@code pages} bounds the pages it may
     * take from the end of the map. Pages the group freed cannot be reused before it commits, so an operation that
     * finds the cache full commits the group (and one more, after which LMDB may reuse them)
     * and tries once more before it fails with ENOSPC.
     */
    private <R> R mutate(boolean consumesSpace, long pages, Mutation<R> op) throws IOException {
        writeLock.lock();
        try {
            try {
                return mutateInGroup(consumesSpace, pages, op);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.ENOSPC || group.openOrNull() == null) {
                    throw e;
                }
                commitGroup();
                // LMDB reuses the pages a commit freed only from the second commit after it on.
                inOperation(0, txn -> {
                    db.putHeader(txn, header);
                    return null;
                });
                commitGroup();
                return mutateInGroup(consumesSpace, pages, op);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private <R> R mutateInGroup(boolean consumesSpace, long pages, Mutation<R> op) throws IOException {
        R result = inOperation(pages, txn -> {
            TreeWriter w = new TreeWriter(db, reader, content, txn, header, clock.getAsLong(), this::isOpen);
            R r = op.apply(w);
            if (consumesSpace && db.intoReserve(txn, group.pendingPages())) {
                throw full();
            }
            if (!w.header().equals(header)) {
                db.putHeader(txn, w.header());
                header = w.header();
            }
            return r;
        });
        if (group.due()) {
            commitGroup();
        }
        return result;
    }

    /**
     * Runs {@code step} in a nested transaction of the open group (the caller holds the write
     * lock): committed into the group when it returns, aborted when it throws, and then
     * neither the environment nor {@link #header} has changed.
     */
    private <R> R inOperation(long pages, TreeReader.Step<R> step) throws IOException {
        CacheHeader before = header;
        boolean joined = false;
        try (Txn<ByteBuffer> txn = group.beginOperation()) {
            R result = step.apply(txn);
            txn.commit();
            joined = true;
            group.joined(pages);
            unsynced.set(true);
            return result;
        } catch (Env.MapFullException e) {
            throw full();
        } catch (CorruptRecordException e) {
            throw TreeReader.corrupt(e);
        } finally {
            if (!joined) {
                header = before;
            }
        }
    }

    /**
     * Runs {@code step} in a view that holds every operation finished before the call: a reused
     * read transaction when no group is open (readers then never wait), else the open group's
     * transaction under the write lock.
     */
    private <R> R read(TreeReader.Step<R> step) throws IOException {
        if ((group.generation() & 1) != 0) {
            writeLock.lock();
            try {
                Txn<ByteBuffer> open = group.openOrNull();
                if (open != null) {
                    return TreeReader.run(open, step);
                }
            } finally {
                writeLock.unlock();
            }
        }
        Txn<ByteBuffer> txn = idleReaders.poll();
        if (txn == null) {
            txn = db.env.txnRead();
        } else {
            txn.renew();
        }
        try {
            return TreeReader.run(txn, step);
        } finally {
            txn.reset();
            idleReaders.offer(txn);
        }
    }

    private ErrnoException full() {
        return new ErrnoException(Errno.ENOSPC, "the cache in " + dir + " is full; take a snapshot to move data to Venti");
    }

    private static long wallClockNs() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}

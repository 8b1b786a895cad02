package org.ventifs.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.lmdbjava.Txn;

/**
 * A read-only view of the tree exactly as of a {@link Cache#freeze()}: what the snapshot
 * archiver reads while writers carry on. It pins one LMDB read transaction (so the space
 * of what changes afterwards is not reused until the view closes). Thread-safe: calls are
 * serialised on the view. Every method fails with IllegalStateException after {@link #close()}.
 */
public final class FrozenTree implements TreeView, AutoCloseable {
    private final CacheEnvironment db;
    private final TreeReader reader;
    private final FileContent content;
    private final Txn<ByteBuffer> txn;
    private final long epoch;
    private final long sinceEpoch;
    private boolean closed;

    FrozenTree(CacheEnvironment db, TreeReader reader, FileContent content, Txn<ByteBuffer> txn, long epoch,
               long sinceEpoch) {
        this.db = db;
        this.reader = reader;
        this.content = content;
        this.txn = txn;
        this.epoch = epoch;
        this.sinceEpoch = sinceEpoch;
    }

    /** The epoch this view froze: its changes are those of the epochs after {@link #sinceEpoch()} up to this one. */
    public long epoch() {
        return epoch;
    }

    /** The last epoch retired before this freeze (0 when none): the view's changes come after it. */
    public long sinceEpoch() {
        return sinceEpoch;
    }

    /** The dirty block size: block n of a file covers bytes [n * blockSize, (n + 1) * blockSize). */
    public int blockSize() {
        return content.blockSize();
    }

    /**
     * The inodes whose data, attributes or directory entries changed since the last retire,
     * ascending. It may name inodes deleted before the freeze ({@link #getattr} says ENOENT).
     */
    public synchronized List<Long> changedInodes() throws IOException {
        TreeSet<Long> inodes = new TreeSet<>();
        run(t -> {
            KeyScan.forEach(db.changed, t, new byte[0], (k, v) -> {
                inodes.add(ChangedKey.decode(k).ino());
                return true;
            });
            return null;
        });
        return new ArrayList<>(inodes);
    }

    /** As of the freeze. */
    @Override
    public synchronized Attr getattr(long ino) throws IOException {
        return run(t -> reader.inode(t, ino).attr(ino));
    }

    /** As of the freeze. */
    @Override
    public synchronized Attr lookup(long dir, String name) throws IOException {
        return run(t -> reader.lookup(t, dir, name));
    }

    /** As of the freeze. */
    @Override
    public synchronized List<DirEntry> readdir(long dir, long offset, int max) throws IOException {
        return run(t -> reader.readdir(t, dir, offset, max));
    }

    /** As of the freeze. */
    @Override
    public synchronized int read(long ino, long offset, byte[] dst, int dstOffset, int length) throws IOException {
        return run(t -> reader.read(t, ino, offset, dst, dstOffset, length));
    }

    /** As of the freeze. */
    @Override
    public synchronized String readlink(long ino) throws IOException {
        return run(t -> reader.readlink(t, ino));
    }

    /** As of the freeze. */
    @Override
    public synchronized byte[] getxattr(long ino, String name) throws IOException {
        return run(t -> reader.getxattr(t, ino, name));
    }

    /** As of the freeze. */
    @Override
    public synchronized List<String> listxattr(long ino) throws IOException {
        return run(t -> reader.listxattr(t, ino));
    }

    /** The directory entries naming {@code ino} (several for hard links; none for an orphan), by parent then name. */
    public synchronized List<Link> links(long ino) throws IOException {
        return run(t -> reader.publicLinks(t, ino));
    }

    /** The base of {@code ino} as of the freeze (the vac entry of its last archived version), empty when none. */
    public synchronized byte[] base(long ino) throws IOException {
        return run(t -> reader.inode(t, ino).base().clone());
    }

    /**
     * How many leading bytes of the base still show through: past this, bytes not in a dirty
     * block read as zeros (a truncation hid them).
     */
    public synchronized long baseValidLength(long ino) throws IOException {
        return run(t -> reader.inode(t, ino).baseValid());
    }

    /** The numbers of the dirty blocks of regular file {@code ino} as of the freeze, ascending. */
    public synchronized long[] dirtyBlocks(long ino) throws IOException {
        return run(t -> {
            reader.regularFile(t, ino);
            return content.dirtyBlocks(t, ino, epoch);
        });
    }

    /** Releases the view (abandoning it, when it was not retired); the next {@link Cache#freeze()} covers its changes. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            txn.close();
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** The record of {@code ino} as of the freeze, or null. */
    synchronized InodeRecord inodeOrNull(long ino) {
        requireOpen();
        return reader.inodeOrNull(txn, ino);
    }

    private <R> R run(TreeReader.Step<R> step) throws IOException {
        requireOpen();
        return TreeReader.run(txn, step);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the view of epoch " + epoch + " is closed");
        }
    }
}

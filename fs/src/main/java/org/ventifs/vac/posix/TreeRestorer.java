package org.ventifs.vac.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.ventifs.vac.DirEntry;
import org.ventifs.vac.DirectoryReader;
import org.ventifs.vac.Entry;
import org.ventifs.vac.PosixExtension;
import org.ventifs.vac.PosixExtension.Timestamp;
import org.ventifs.vac.StreamReader;
import org.ventifs.vac.VacTree;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.CorruptBlockException;

/**
 * Restores a vac tree into a local directory: contents with their holes left as
 * holes, symbolic links, hard links (equal qids), devices, FIFOs, owners, modes,
 * nanosecond times and user xattrs. Trees without our POSIX extension (plan9port's
 * vac) get what their Plan 9 fields say. The walk and directory creation run on the
 * calling thread; files are restored by a pool; directory attributes are set last,
 * deepest first, so that a read-only directory can still be filled.
 */
public final class TreeRestorer {
    /** The granularity of holes on restore: a common file-system block. */
    private static final int FS_BLOCK = 4096;
    private static final byte[] ZEROS = new byte[FS_BLOCK];
    /** Small files go to the pool in batches of about this many bytes, or this many files. */
    private static final long BATCH_BYTES = 4 << 20;
    private static final int BATCH_FILES = 64;
    /**
     * Files up to this size are read on the restoring thread: the pool restores many
     * at once, and a hand-off per block would cost more than it hides. Larger ones fetch
     * their blocks ahead in parallel (which a remote store needs).
     */
    private static final long READ_ON_CALLING_THREAD_MAX = 256 << 10;
    /** One write buffer per pool thread. */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[1 << 20]);
    /**
     * Files created by the walk and not yet restored and closed by the pool, at most. More
     * than a batch holds: the walk then waits only on files whose batches went to the pool.
     */
    private static final int MAX_OPEN_FILES = 4 * BATCH_FILES;

    private final BlockStore store;
    private final Progress progress;
    private final OwnerNames owners = OwnerNames.ofSystem();
    private final List<String> warnings = new ArrayList<>();
    private final Map<Long, Path> firstOfQid = new HashMap<>();
    private final List<HardLink> links = new ArrayList<>();
    private final List<PendingDirectory> directories = new ArrayList<>();
    private final Semaphore openFiles = new Semaphore(MAX_OPEN_FILES);
    private ExecutorService pool;
    private BatchedTasks batches;

    /** A directory whose attributes are set once everything in it is restored. */
    private record PendingDirectory(Path path, DirEntry entry) {
    }

    /** A second name of a file, linked once the file is restored. */
    private record HardLink(Path path, Path existing) {
    }

    /** A restorer reading from {@code store}, counting into {@code progress}. */
    public TreeRestorer(BlockStore store, Progress progress) {
        this.store = store;
        this.progress = progress;
    }

    /** Warnings gathered by the last run (attributes that could not be restored). */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Restores {@code tree} into {@code dest}, which must not exist or be empty.
     *
     * @throws IOException naming the file or block that failed
     */
    public void restore(VacTree tree, Path dest, int threads) throws IOException {
        if (Files.exists(dest)) {
            try (var entries = Files.list(dest)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(dest + " is not empty; give a new or empty directory");
                }
            }
        } else {
            Files.createDirectories(dest);
        }
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "unvac");
            t.setDaemon(true);
            return t;
        });
        try {
            directories.add(new PendingDirectory(dest, tree.rootEntry()));
            batches = new BatchedTasks(pool, BATCH_BYTES, BATCH_FILES);
            try {
                walk(tree.directory(store), dest);
            } catch (IOException | RuntimeException e) {
                awaitQueued(e); // the queued tasks close the files the walk created
                throw e;
            }
            batches.awaitAll();
            for (HardLink link : links) {
                Files.createLink(link.path(), link.existing());
            }
            for (int i = directories.size() - 1; i >= 0; i--) {
                Path dir = directories.get(i).path();
                applyAttributes(AttributeTarget.ofPath(dir), dir, directories.get(i).entry(), FileKind.DIRECTORY);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitQueued(Exception walkFailure) {
        try {
            batches.awaitAll();
        } catch (IOException | RuntimeException e) {
            walkFailure.addSuppressed(e);
        }
    }

    private void walk(DirectoryReader dir, Path path) throws IOException {
        for (DirEntry child : dir.list()) {
            Path target = path.resolve(checkedName(child.elem()));
            if (child.isDirectory()) {
                Files.createDirectory(target);
                directories.add(new PendingDirectory(target, child));
                progress.file(0);
                walk(new DirectoryReader(store, dir.subdirectory(child)), target);
                continue;
            }
            Entry content = dir.content(child);
            Path first = firstOfQid.putIfAbsent(child.qid(), target);
            if (first != null) {
                links.add(new HardLink(target, first));
                progress.file(0);
                continue;
            }
            if (FileKind.of(child, false) == FileKind.REGULAR) {
                RestoredFile file = createOnWalk(target);
                batches.execute(content.size(), () -> {
                    try (file) {
                        restoreRegular(child, content, file, target);
                    } finally {
                        openFiles.release();
                    }
                    return null;
                });
            } else {
                batches.execute(content.size(), () -> {
                    restoreSpecial(child, content, target);
                    return null;
                });
            }
        }
    }

    /**
     * Creates a regular file on the walking thread, so that files of one directory are
     * created one at a time: creations in one directory take its lock, and the pool's
     * threads would spin on it. Waits while {@link #MAX_OPEN_FILES} created files await their contents.
     */
    private RestoredFile createOnWalk(Path target) throws IOException {
        openFiles.acquireUninterruptibly();
        try {
            return RestoredFile.create(target);
        } catch (IOException | RuntimeException e) {
            openFiles.release();
            throw e;
        }
    }

    private void restoreRegular(DirEntry e, Entry content, RestoredFile file, Path path) throws IOException {
        writeContent(content, file);
        progress.file(content.size());
        applyAttributes(file, path, e, FileKind.REGULAR);
    }

    /** Restores a link, device or FIFO. */
    private void restoreSpecial(DirEntry e, Entry content, Path path) throws IOException {
        byte[] small = null;
        boolean blockText = false;
        if (e.posix() == null && (e.mode() & org.ventifs.vac.ModeBits.DEVICE) != 0) {
            small = readSmall(content, path);
            blockText = new String(small, StandardCharsets.US_ASCII).trim().startsWith("b");
        }
        FileKind kind = FileKind.of(e, blockText);
        switch (kind) {
            case SYMLINK -> Posix.symlink(readSmall(content, path), path);
            case FIFO -> Posix.mkfifo(path, 0600);
            case BLOCK_DEVICE, CHAR_DEVICE -> {
                long rdev;
                if (e.posix() != null) {
                    rdev = e.posix().rdev();
                } else {
                    String text = new String(small, StandardCharsets.US_ASCII);
                    rdev = DeviceText.parse(text).orElseThrow(() -> new CorruptBlockException(
                            "device " + path + " has no device numbers in its text '" + text + "'")).rdev();
                }
                Posix.mknod(path, kind == FileKind.BLOCK_DEVICE, rdev);
            }
            default -> throw new IllegalStateException("directories and regular files are restored by the walk");
        }
        progress.file(content.size());
        applyAttributes(AttributeTarget.ofPath(path), path, e, kind);
    }

    private void writeContent(Entry content, RestoredFile file) throws IOException {
        long size = content.size();
        StreamReader reader = size <= READ_ON_CALLING_THREAD_MAX ? StreamReader.onCallingThread(store, content)
                : new StreamReader(store, content);
        byte[] buf = BUFFER.get();
        long end = 0;
        for (long at = 0; at < size; ) {
            int n = reader.read(at, buf, 0, (int) Math.min(buf.length, size - at));
            end = Math.max(end, writeNonZero(file, buf, n, at));
            at += n;
        }
        if (end < size) {
            // Holes stay holes: zeros are never written, a trailing hole is only a length.
            file.setLength(size);
        }
    }

    /**
     * Writes {@code n} bytes of {@code buf} at {@code pos}, skipping every file-system
     * block of zeros, so that they stay holes; returns the file offset after the last byte written.
     */
    private static long writeNonZero(RestoredFile file, byte[] buf, int n, long pos) throws IOException {
        long end = 0;
        int off = 0;
        while (off < n) {
            // Runs of data end on FS_BLOCK boundaries of the file, not of the buffer.
            int runStart = -1;
            while (off < n) {
                int len = (int) Math.min(n - off, FS_BLOCK - (pos + off) % FS_BLOCK);
                boolean zero = allZero(buf, off, len);
                if (zero && runStart >= 0) {
                    break;
                }
                if (!zero && runStart < 0) {
                    runStart = off;
                }
                off += len;
            }
            if (runStart >= 0) {
                file.write(buf, runStart, off - runStart, pos + runStart);
                end = pos + off;
            }
        }
        return end;
    }

    private byte[] readSmall(Entry content, Path path) throws IOException {
        if (content.size() > 1 << 20) {
            throw new CorruptBlockException("the link or device " + path + " claims " + content.size() + " bytes");
        }
        byte[] bytes = new byte[(int) content.size()];
        new StreamReader(store, content).read(0, bytes, 0, bytes.length);
        return bytes;
    }

    private void applyAttributes(AttributeTarget target, Path path, DirEntry e, FileKind kind) throws IOException {
        PosixExtension p = e.posix();
        int uid = p != null ? p.uid() : owners.userId(e.uid());
        int gid = p != null ? p.gid() : owners.groupId(e.gid());
        target.setOwner(uid, gid);
        if (kind != FileKind.SYMLINK) {
            // After chown, which clears the set-id bits.
            target.setMode(FileKind.stMode(e, kind == FileKind.BLOCK_DEVICE));
        }
        if (p != null && !p.xattrs().isEmpty()) {
            List<String> skipped = Xattrs.write(path, p.xattrs());
            if (!skipped.isEmpty()) {
                warn("could not restore the extended attributes " + skipped + " of " + path);
            }
        }
        Timestamp atime = p != null ? p.atime() : new Timestamp(e.atime(), 0);
        Timestamp mtime = p != null ? p.mtime() : new Timestamp(e.mtime(), 0);
        target.setTimes(atime, mtime);
    }

    private synchronized void warn(String warning) {
        warnings.add(warning);
    }

    /** Whether the {@code len <= FS_BLOCK} bytes at {@code off} are all zero. */
    private static boolean allZero(byte[] buf, int off, int len) {
        return Arrays.mismatch(buf, off, off + len, ZEROS, 0, len) < 0;
    }

    /** A name from the tree, refused when it could escape its directory. */
    private static String checkedName(String elem) throws CorruptBlockException {
        if (elem.isEmpty() || elem.equals(".") || elem.equals("..") || elem.indexOf('/') >= 0
                || elem.indexOf('\0') >= 0) {
            throw new CorruptBlockException("the tree holds a file named '" + elem + "', which no directory can hold");
        }
        return elem;
    }
}

package org.ventifs.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.ventifs.cache.Cache;
import org.ventifs.cache.Link;
import org.ventifs.fs.fuse.Native;
import org.ventifs.snapshot.PendingWrites;

/**
 * Hands the writes the kernel still holds for a mount (the writeback cache) over to the
 * daemon, before a snapshot freezes the tree or the daemon leaves. syncfs(2) starts the
 * writeback of every dirty page but, for FUSE, does not wait for the daemon to have
 * received it; fsync(2) of a file waits for all of that file's writes. So: syncfs, then
 * an fsync through the mount of every file open for writing (closed files were written
 * back whole at their last close). Call it from a thread that does not serve the mount.
 */
public final class KernelWriteback implements PendingWrites {
    private static final int MAX_DEPTH = 4096;

    private final Path mountpoint;
    private final Cache cache;
    private final VentifsFileSystem fs;

    public KernelWriteback(Path mountpoint, Cache cache, VentifsFileSystem fs) {
        this.mountpoint = mountpoint;
        this.cache = cache;
        this.fs = fs;
    }

    @Override
    public void handOver() throws IOException {
        Native.syncFileSystem(mountpoint);
        for (long ino : fs.openForWriting()) {
            Path path = pathOf(ino);
            if (path == null) {
                continue; // unlinked while open: no name to reach it by, and no dump will show it
            }
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                ch.force(true);
            } catch (IOException e) {
                System.err.println("ventifs: cannot write back the cached writes of " + path + ": " + e.getMessage());
            }
        }
    }

    /** A path to {@code ino} under the mount point, or null when no directory names it. */
    private Path pathOf(long ino) throws IOException {
        Deque<String> names = new ArrayDeque<>();
        long at = ino;
        while (at != Cache.ROOT) {
            List<Link> links = cache.links(at);
            if (links.isEmpty() || names.size() > MAX_DEPTH) {
                return null;
            }
            names.addFirst(links.get(0).name());
            at = links.get(0).parent();
        }
        Path path = mountpoint;
        for (String name : names) {
            path = path.resolve(name);
        }
        return path;
    }
}

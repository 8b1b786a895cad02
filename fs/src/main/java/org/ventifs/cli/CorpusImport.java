package org.ventifs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;
import org.ventifs.cache.Cache;
import org.ventifs.cache.ErrnoException;

/**
 * Copies a real directory tree into a cache's active tree, as a user copying files into
 * the mount would (directories, regular files, symbolic links; other kinds skipped), for
 * the snapshot benchmark. Returns what it copied.
 */
final class CorpusImport {
    /** What was copied. */
    record Copied(long files, long bytes) {
    }

    private final Cache cache;
    private final byte[] buffer = new byte[1 << 20];
    private long files;
    private long bytes;

    private CorpusImport(Cache cache) {
        this.cache = cache;
    }

    /** Copies the tree at {@code source} into directory {@code parent} of {@code cache} under the name {@code name}. */
    static Copied copy(Cache cache, Path source, long parent, String name) throws IOException {
        CorpusImport c = new CorpusImport(cache);
        c.directory(source, cache.mkdir(parent, name, 0755, 0, 0).ino());
        return new Copied(c.files, c.bytes);
    }

    private void directory(Path dir, long ino) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted().toList()) {
                String name = child.getFileName().toString();
                BasicFileAttributes a = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                try {
                    if (a.isDirectory()) {
                        directory(child, cache.mkdir(ino, name, 0755, 0, 0).ino());
                    } else if (a.isSymbolicLink()) {
                        cache.symlink(ino, name, Files.readSymbolicLink(child).toString(), 0, 0);
                        files++;
                    } else if (a.isRegularFile()) {
                        file(child, cache.create(ino, name, 0644, 0, 0).ino());
                    }
                } catch (ErrnoException e) {
                    throw new IOException("cannot copy " + child + " into the cache: " + e.getMessage(), e);
                }
            }
        }
    }

    private void file(Path path, long ino) throws IOException {
        long offset = 0;
        try (InputStream in = Files.newInputStream(path)) {
            for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
                cache.write(ino, offset, buffer, 0, n);
                offset += n;
            }
        }
        files++;
        bytes += offset;
    }
}

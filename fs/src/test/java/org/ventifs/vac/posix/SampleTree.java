package org.ventifs.vac.posix;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Random;
import org.ventifs.vac.PosixExtension.Timestamp;

/**
 * Generates a tree holding every kind of file vac must keep: regular files at the
 * block and depth boundaries, a sparse file, hard links (also across directories),
 * symbolic links with targets a path API would normalise, a device, a FIFO, a large
 * directory, every mode bit, foreign owners, nanosecond times and user xattrs.
 */
final class SampleTree {
    private SampleTree() {
    }

    static void create(Path root, Random random) throws IOException {
        Files.createDirectories(root);
        for (int size : new int[] {0, 1, 8191, 8192, 8193, 409 * 8192 + 5}) {
            write(root.resolve("size-" + size), random, size);
        }
        Path sparse = root.resolve("sparse");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(40L << 20);
            f.seek(12345678);
            f.write("in the middle".getBytes());
            f.seek(30L << 20);
            f.write(new byte[] {1});
        }
        Path sub = Files.createDirectories(root.resolve("sub/deeper"));
        write(root.resolve("linked"), random, 20000);
        Files.createLink(root.resolve("linked-again"), root.resolve("linked"));
        Files.createLink(sub.resolve("linked-elsewhere"), root.resolve("linked"));
        Posix.symlink(bytes("some//odd/./target/"), root.resolve("link-odd"));
        Posix.symlink(bytes("/an/absolute/" + "x".repeat(300)), root.resolve("link-long"));
        Posix.symlink(bytes("size-1"), root.resolve("link-to-file"));
        Posix.symlink(new byte[] {'n', 'o', 't', (byte) 0xff, 'u', 't', 'f', '8'}, root.resolve("link-latin"));
        Posix.mkfifo(root.resolve("fifo"), 0640);
        Posix.mknod(root.resolve("null-device"), false, Posix.makedev(1, 3));
        Posix.mknod(root.resolve("block-device"), true, Posix.makedev(7, 300));
        Path big = Files.createDirectories(root.resolve("big-directory"));
        for (int i = 0; i < 400; i++) {
            write(big.resolve("file-with-a-longish-name-" + i), random, random.nextInt(100));
        }
        write(root.resolve("caf\u00e9 \u2603 name"), random, 10);
        Files.createDirectories(root.resolve("empty"));

        Path setuid = root.resolve("setuid");
        write(setuid, random, 100);
        Posix.lchown(setuid, 1234, 5678);
        Posix.chmod(setuid, 06755);
        Posix.chmod(root.resolve("sub"), 01777);
        Posix.chmod(sub, 02750);
        Posix.lchown(sub, 4321, 8765);
        Posix.chmod(root.resolve("size-1"), 0);
        Posix.lchown(root.resolve("link-odd"), 99999, 88888);
        xattr(root.resolve("size-8192"), "user.comment", "a comment".getBytes());
        xattr(root.resolve("size-8192"), "user.binary", new byte[] {0, 1, 2, (byte) 255});
        xattr(sub, "user.on-a-directory", "yes".getBytes());
        // Another namespace, which root may write: restored too.
        Xattrs.write(root.resolve("size-0"), java.util.List.of(new org.ventifs.vac.Xattr("trusted.kept", new byte[] {7})));

        // Times last, deepest first; atime a day ahead of now, so that reading does not move it (relatime).
        long tomorrow = System.currentTimeMillis() / 1000 + 86_400;
        try (var all = Files.walk(root)) {
            for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                long mtime = 1_600_000_000L + random.nextInt(100_000_000);
                Posix.setTimes(p, new Timestamp(tomorrow + random.nextInt(3600), random.nextInt(1_000_000_000)),
                        new Timestamp(mtime, random.nextInt(1_000_000_000)));
            }
        }
    }

    private static void write(Path path, Random random, int size) throws IOException {
        byte[] data = new byte[size];
        random.nextBytes(data);
        Files.write(path, data);
    }

    private static void xattr(Path path, String name, byte[] value) throws IOException {
        Files.getFileAttributeView(path, UserDefinedFileAttributeView.class)
                .write(name.substring("user.".length()), ByteBuffer.wrap(value));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}

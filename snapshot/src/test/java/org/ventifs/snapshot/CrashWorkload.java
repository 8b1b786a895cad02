package org.ventifs.snapshot;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Random;
import org.ventifs.cache.Attr;
import org.ventifs.cache.AttrChange;
import org.ventifs.cache.Cache;
import org.ventifs.cache.ErrnoException;

/**
 * The child process of {@link SnapshotCrashTest}: opens a data directory, retakes an
 * interrupted snapshot, then changes files and takes snapshots in two threads until it is
 * killed. Before each change it prints {@code P name sha1-of-new-content}, and after the
 * change is fsync'd, {@code D}.
 */
public final class CrashWorkload {
    static final String[] FILES = {"f0", "f1", "f2", "f3"};
    static final int MAX_SIZE = 12 * DataDir.BLOCK_SIZE;

    private CrashWorkload() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        PrintStream out = System.out;
        DataDir data = DataDir.open(dir, Clock.systemUTC());
        data.snapshotter.retakeInterrupted();
        out.println("open");
        out.flush();
        Thread snapshots = new Thread(() -> {
            try {
                while (true) {
                    data.snapshotter.snapshot();
                    Thread.sleep(random.nextInt(60));
                }
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(3);
            }
        }, "snapshots");
        snapshots.start();
        Cache cache = data.cache;
        java.util.Map<String, String> model = new java.util.HashMap<>();
        while (true) {
            for (java.util.Map.Entry<String, String> m : model.entrySet()) {
                String now = TreeImage.sha1(read(cache, cache.lookup(Cache.ROOT, m.getKey()).ino()));
                if (!now.equals(m.getValue())) {
                    out.println("CORRUPT " + m.getKey() + " holds " + now + " after " + m.getValue()
                            + " was fsync'd, while running: " + data.snapshotter.progress());
                    out.flush();
                    System.exit(5);
                }
            }
            String name = FILES[random.nextInt(FILES.length)];
            long ino;
            try {
                ino = cache.lookup(Cache.ROOT, name).ino();
            } catch (ErrnoException e) {
                out.println("P " + name + " " + TreeImage.sha1(new byte[0]));
                out.flush();
                ino = cache.create(Cache.ROOT, name, 0644, 1000, 1000).ino();
                cache.sync();
                out.println("D");
                out.flush();
                model.put(name, TreeImage.sha1(new byte[0]));
            }
            byte[] content = read(cache, ino);
            int offset = random.nextInt(MAX_SIZE);
            byte[] next;
            byte[] chunk = new byte[1 + random.nextInt(Math.min(3 * DataDir.BLOCK_SIZE, MAX_SIZE - offset))];
            random.nextBytes(chunk);
            boolean truncate = random.nextInt(5) == 0;
            if (truncate) {
                next = Arrays.copyOf(content, offset);
            } else {
                next = Arrays.copyOf(content, Math.max(content.length, offset + chunk.length));
                System.arraycopy(chunk, 0, next, offset, chunk.length);
            }
            out.println("P " + name + " " + TreeImage.sha1(next) + (truncate ? " truncate " + offset
                    : " write " + offset + " " + chunk.length) + " from " + content.length + " " + TreeImage.sha1(content));
            out.flush();
            if (truncate) {
                cache.setattr(ino, AttrChange.none().withSize(offset));
            } else {
                cache.write(ino, offset, chunk, 0, chunk.length);
            }
            cache.sync();
            out.println("D");
            out.flush();
            model.put(name, TreeImage.sha1(next));
            expect(dir, name, next);
        }
    }

    /** Keeps the fsync'd content of {@code name} beside the data directory, for the test's diagnosis. */
    private static void expect(Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve("expected-" + name);
        java.nio.file.Files.write(file, content);
    }

    static byte[] read(Cache cache, long ino) throws IOException {
        Attr attr = cache.getattr(ino);
        byte[] bytes = new byte[(int) attr.size()];
        for (int done = 0; done < bytes.length; ) {
            int n = cache.read(ino, done, bytes, done, bytes.length - done);
            if (n <= 0) {
                throw new IOException("short read of inode " + ino);
            }
            done += n;
        }
        return bytes;
    }
}

package org.ventifs.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Measures the cache through its Java API (no FUSE): creates, stats and unlinks per second,
 * sequential write and read rates of one large file beside a plain file on the same disk,
 * random 4 KiB writes and reads in that file, and 4 KiB write+fsync pairs. Prints one JSON object. The figures are the ceiling the mount lives under.
 */
public final class CacheBenchmark {
    private static final int IO_SIZE = 128 * 1024;

    private final Path scratch;
    private final int files;
    private final long bytes;
    private final int blockSize;

    /**
     * A benchmark in the empty (or absent) directory {@code scratch}, with {@code files} files
     * and a large file of {@code bytes} bytes in a cache of {@code blockSize}-byte blocks.
     */
    public CacheBenchmark(Path scratch, int files, long bytes, int blockSize) {
        this.scratch = scratch;
        this.files = files;
        this.bytes = bytes;
        this.blockSize = blockSize;
    }

    /** Runs with {@code --dir DIR [--files N] [--mib N] [--block-size N]}; prints JSON. */
    public static void main(String[] args) throws IOException {
        Path dir = null;
        int files = 100_000;
        long mib = 1024;
        int blockSize = Cache.DEFAULT_BLOCK_SIZE;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--files" -> files = Integer.parseInt(args[i + 1]);
                case "--mib" -> mib = Long.parseLong(args[i + 1]);
                case "--block-size" -> blockSize = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("give a scratch directory with --dir DIR");
        }
        System.out.println(new CacheBenchmark(dir, files, mib << 20, blockSize).run());
    }

    /** Runs every measurement and returns the figures as a JSON object; removes what it wrote. */
    public String run() throws IOException {
        Files.createDirectories(scratch);
        Path cacheDir = scratch.resolve("bench-cache");
        Path plain = scratch.resolve("bench-plain");
        try {
            Cache.format(cacheDir, Math.max(1L << 30, bytes * 5 / 4 + ((long) files << 11)), blockSize, 0, 0);
            double[] meta;
            double[] io;
            double[] small;
            double syncs;
            try (Cache cache = Cache.open(cacheDir, null)) {
                meta = metadata(cache);
                io = largeFile(cache);
                small = smallRandomIo(cache, (long) io[3]);
                syncs = smallWritesWithSync(cache);
            }
            double[] plainIo = plainFile(plain);
            return String.format(Locale.ROOT, "{\"blockSize\": %d, \"files\": %d, \"createsPerSec\": %.0f, "
                            + "\"statsPerSec\": %.0f, \"unlinksPerSec\": %.0f, \"fileMiB\": %d, \"ioSize\": %d, "
                            + "\"cacheWriteMBps\": %.1f, \"cacheReadMBps\": %.1f, \"plainWriteMBps\": %.1f, "
                            + "\"plainReadMBps\": %.1f, \"cacheBytesUsed\": %d, \"write4kPerSec\": %.0f, "
                            + "\"read4kPerSec\": %.0f, \"write4kSyncsPerSec\": %.0f}",
                    blockSize, files, meta[0], meta[1], meta[2], bytes >> 20, IO_SIZE, io[0], io[1], plainIo[0],
                    plainIo[1], (long) io[2], small[0], small[1], syncs);
        } finally {
            delete(cacheDir);
            Files.deleteIfExists(plain);
        }
    }

    /** Creates, stats and unlinks per second over {@code files} files in directories of 1000. */
    private double[] metadata(Cache cache) throws IOException {
        int perDir = 1000;
        long[] dirs = new long[(files + perDir - 1) / perDir];
        for (int d = 0; d < dirs.length; d++) {
            dirs[d] = cache.mkdir(Cache.ROOT, "d" + d, 0755, 0, 0).ino();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < files; i++) {
            cache.create(dirs[i / perDir], "f" + i, 0644, 0, 0);
        }
        cache.sync();
        long t1 = System.nanoTime();
        Random r = new Random(1);
        for (int i = 0; i < files; i++) {
            int f = r.nextInt(files);
            cache.getattr(cache.lookup(dirs[f / perDir], "f" + f).ino());
        }
        long t2 = System.nanoTime();
        for (int i = 0; i < files; i++) {
            cache.unlink(dirs[i / perDir], "f" + i);
        }
        cache.sync();
        long t3 = System.nanoTime();
        return new double[] {perSecond(files, t1 - t0), perSecond(files, t2 - t1), perSecond(files, t3 - t2)};
    }

    /** Sequential write (then sync) and read rates in MB/s, and the cache's size on disk. */
    private double[] largeFile(Cache cache) throws IOException {
        long ino = cache.create(Cache.ROOT, "large", 0644, 0, 0).ino();
        byte[] buf = pattern();
        long t0 = System.nanoTime();
        for (long off = 0; off < bytes; off += IO_SIZE) {
            buf[0] = (byte) (off >> 17);
            cache.write(ino, off, buf, 0, (int) Math.min(IO_SIZE, bytes - off));
        }
        cache.sync();
        long t1 = System.nanoTime();
        for (long off = 0; off < bytes; off += IO_SIZE) {
            cache.read(ino, off, buf, 0, IO_SIZE);
        }
        long t2 = System.nanoTime();
        StatFs stat = cache.statfs();
        long used = (stat.totalBlocks() - stat.freeBlocks()) * stat.blockSize();
        return new double[] {megabytesPerSecond(t1 - t0), megabytesPerSecond(t2 - t1), used, ino};
    }

    /**
     * 4 KiB writes, then 4 KiB reads, per second at random 4 KiB-aligned offsets of the large
     * file {@code ino} (each write rewrites part of an existing dirty block), two seconds at most each.
     */
    private double[] smallRandomIo(Cache cache, long ino) throws IOException {
        byte[] page = new byte[4096];
        new Random(3).nextBytes(page);
        long pages = Math.max(1, bytes / page.length);
        double[] rates = new double[2];
        for (int pass = 0; pass < 2; pass++) {
            Random r = new Random(4);
            long start = System.nanoTime();
            int n = 0;
            while (n < 100_000 && System.nanoTime() - start < 2_000_000_000L) {
                long off = (long) (r.nextDouble() * pages) * page.length;
                if (pass == 0) {
                    page[0] = (byte) n;
                    cache.write(ino, off, page, 0, page.length);
                } else {
                    cache.read(ino, off, page, 0, page.length);
                }
                n++;
            }
            rates[pass] = perSecond(n, System.nanoTime() - start);
        }
        return rates;
    }

    /** How many 4 KiB write-then-fsync pairs run per second, for two seconds at most. */
    private static double smallWritesWithSync(Cache cache) throws IOException {
        long ino = cache.create(Cache.ROOT, "synced", 0644, 0, 0).ino();
        byte[] page = new byte[4096];
        long start = System.nanoTime();
        int n = 0;
        while (n < 1000 && System.nanoTime() - start < 2_000_000_000L) {
            page[0] = (byte) n;
            cache.write(ino, (long) (n % 64) * page.length, page, 0, page.length);
            cache.sync();
            n++;
        }
        return perSecond(n, System.nanoTime() - start);
    }

    /** The same writes and reads on a plain file with a FileChannel, forced at the end. */
    private double[] plainFile(Path plain) throws IOException {
        byte[] buf = pattern();
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(plain, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long off = 0; off < bytes; off += IO_SIZE) {
                buf[0] = (byte) (off >> 17);
                ch.write(ByteBuffer.wrap(buf, 0, (int) Math.min(IO_SIZE, bytes - off)), off);
            }
            ch.force(false);
        }
        long t1 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(plain, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.wrap(buf);
            for (long off = 0; off < bytes; off += IO_SIZE) {
                b.clear();
                ch.read(b, off);
            }
        }
        long t2 = System.nanoTime();
        return new double[] {megabytesPerSecond(t1 - t0), megabytesPerSecond(t2 - t1)};
    }

    private static byte[] pattern() {
        byte[] buf = new byte[IO_SIZE];
        new Random(2).nextBytes(buf);
        return buf;
    }

    private double megabytesPerSecond(long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }

    private static double perSecond(long count, long nanos) {
        return count / (nanos / 1e9);
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}

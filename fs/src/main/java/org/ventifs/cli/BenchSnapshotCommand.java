package org.ventifs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ventifs.cache.Cache;
import org.ventifs.cache.FrozenTree;
import org.ventifs.fs.DataDirectory;
import org.ventifs.snapshot.DumpRecord;
import org.ventifs.snapshot.Snapshotter;
import org.ventifs.vac.VacTree;
import org.ventifs.vac.posix.Progress;
import org.ventifs.vac.posix.TreeRestorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ventifs bench snapshot}: snapshots side by side with restic on one corpus: the first
 * archive against {@code restic backup}, a one-file change against restic's second backup, a
 * dump's restore against {@code restic restore}, and freeze latency at N files while a writer
 * runs. Prints one JSON object.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Snapshot figures side by side with restic on a corpus (JSON).")
final class BenchSnapshotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", required = true, paramLabel = "DIR", description = "The corpus (it is changed: one file grows).")
    Path corpus;

    @Option(names = "--work", required = true, paramLabel = "DIR", description = "A new scratch directory.")
    Path work;

    @Option(names = "--files", defaultValue = "100000", description = "Files in the tree when freezes are timed (default ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--freezes", defaultValue = "200", description = "Freezes timed (default ${DEFAULT-VALUE}).")
    int freezes;

    @Option(names = "--warmup-mb", defaultValue = "0", description = "Before the corpus, snapshot this many MiB of generated files, as a daemon that has taken snapshots before (default ${DEFAULT-VALUE}).")
    int warmupMb;

    private final Map<String, Object> result = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (Files.exists(work)) {
            throw new IOException(work + " exists; give a new scratch directory");
        }
        Files.createDirectories(work);
        Path repo = work.resolve("restic");
        try (DataDirectory data = DataDirectory.openOrFormat(work.resolve("ventifs"), 0, 0);
             Snapshotter snapshotter = new Snapshotter(data.cache(), data.store(), data.catalog(), Clock.systemDefaultZone())) {
            if (warmupMb > 0) {
                warmUp(data.cache(), snapshotter);
            }
            long t0 = System.nanoTime();
            CorpusImport.Copied copied = CorpusImport.copy(data.cache(), corpus, Cache.ROOT, "corpus");
            put("corpus_files", copied.files());
            put("corpus_bytes", copied.bytes());
            put("import_seconds", seconds(t0));

            long cpu0 = processCpuNanos();
            t0 = System.nanoTime();
            DumpRecord first = snapshotter.snapshot();
            double ours = seconds(t0);
            put("ventifs_first_archive_seconds", ours);
            put("ventifs_first_archive_cpu_seconds", (processCpuNanos() - cpu0) / 1e9);
            put("ventifs_first_archive_mb_per_s", copied.bytes() / 1e6 / ours);
            put("ventifs_first_archive_phases_ms", snapshotter.progress().phases());
            restic(repo, "init");
            t0 = System.nanoTime();
            restic(repo, "backup", "--quiet", corpus.toString());
            double theirs = seconds(t0);
            put("restic_first_backup_seconds", theirs);
            put("first_archive_speedup", theirs / ours);

            Path changed = largestFile(corpus);
            byte[] extra = "one more line\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            long size = Files.size(changed);
            Files.write(changed, extra, StandardOpenOption.APPEND);
            long ino = lookup(data.cache(), corpus.relativize(changed));
            t0 = System.nanoTime();
            data.cache().write(ino, size, extra, 0, extra.length);
            DumpRecord second = snapshotter.snapshot();
            ours = seconds(t0);
            put("ventifs_one_change_snapshot_seconds", ours);
            put("ventifs_one_change_bytes_sent", second.bytesAdded());
            t0 = System.nanoTime();
            restic(repo, "backup", "--quiet", corpus.toString());
            theirs = seconds(t0);
            put("restic_second_backup_seconds", theirs);
            put("one_change_speedup", theirs / ours);

            dropCaches();
            t0 = System.nanoTime();
            new TreeRestorer(data.store(), new Progress("restored", null))
                    .restore(VacTree.open(data.store(), first.root()), work.resolve("restore-ventifs"), 2);
            ours = seconds(t0);
            put("ventifs_restore_seconds", ours);
            dropCaches();
            t0 = System.nanoTime();
            restic(repo, "restore", "--quiet", "latest", "--target", work.resolve("restore-restic").toString());
            theirs = seconds(t0);
            put("restic_restore_seconds", theirs);
            put("restore_speedup", theirs / ours);

            freezeLatency(data.cache(), snapshotter, copied.files());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(FlatJson.of(result));
        out.flush();
        return ExitCode.OK;
    }

    /** Writes {@code warmupMb} MiB of generated text files (1 KiB to 256 KiB) under /warmup and snapshots them. */
    private void warmUp(Cache cache, Snapshotter snapshotter) throws IOException {
        java.util.Random random = new java.util.Random(42);
        long dir = cache.mkdir(Cache.ROOT, "warmup", 0755, 0, 0).ino();
        byte[] text = new byte[256 * 1024];
        String words = "the quick brown fox jumps over a lazy dog while ventifs archives every block once ";
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) words.charAt((i * 7 + random.nextInt(3)) % words.length());
        }
        long left = (long) warmupMb << 20;
        for (int n = 0; left > 0; n++) {
            if (n % 100 == 0) {
                dir = cache.mkdir(cache.lookup(Cache.ROOT, "warmup").ino(), "d" + n, 0755, 0, 0).ino();
            }
            int size = (int) Math.min(left, 1024 + random.nextInt(text.length - 1024));
            text[random.nextInt(size)] ^= (byte) (1 + n); // no two files alike
            long f = cache.create(dir, "f" + n, 0644, 0, 0).ino();
            cache.write(f, 0, text, 0, size);
            left -= size;
        }
        snapshotter.snapshot();
        snapshotter.awaitIdle();
        put("warmup_mb", warmupMb);
    }

    /** CPU time of this process (every thread, the JIT's and the collector's included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Pads the tree to {@code files} files, then times freezes while one thread writes. */
    private void freezeLatency(Cache cache, Snapshotter snapshotter, long have) throws Exception {
        long pad = cache.mkdir(Cache.ROOT, "pad", 0755, 0, 0).ino();
        byte[] small = new byte[100];
        long dir = pad;
        for (long i = have; i < files; i++) {
            if (i % 1000 == 0) {
                dir = cache.mkdir(pad, "d" + i, 0755, 0, 0).ino();
            }
            long f = cache.create(dir, "f" + i, 0644, 0, 0).ino();
            cache.write(f, 0, small, 0, small.length);
        }
        snapshotter.snapshot();
        snapshotter.awaitIdle(); // the freezes below need the cache's frozen view retired
        put("freeze_tree_files", Math.max(have, files));
        long target = cache.create(Cache.ROOT, "busy", 0644, 0, 0).ino();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            byte[] block = new byte[Cache.DEFAULT_BLOCK_SIZE];
            long off = 0;
            try {
                while (!stop.get()) {
                    cache.write(target, off % (64L << 20), block, 0, block.length);
                    off += block.length;
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "bench writer");
        writer.start();
        try {
            long[] raw = new long[freezes];
            for (int i = 0; i < freezes; i++) {
                long t = System.nanoTime();
                FrozenTree view = cache.freeze();
                raw[i] = System.nanoTime() - t;
                view.close();
            }
            int snaps = Math.max(10, freezes / 10);
            long[] ticket = new long[snaps];
            for (int i = 0; i < snaps; i++) {
                long t = System.nanoTime();
                var frozen = snapshotter.freezeNow();
                ticket[i] = System.nanoTime() - t;
                frozen.await();
                snapshotter.awaitIdle(); // the next request should not queue behind this one's retirement
            }
            put("cache_freeze_ms_p50", percentile(raw, 50));
            put("cache_freeze_ms_p99", percentile(raw, 99));
            put("snap_no_wait_ms_p50", percentile(ticket, 50));
            put("snap_no_wait_ms_p99", percentile(ticket, 99));
        } finally {
            stop.set(true);
            writer.join();
        }
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static long lookup(Cache cache, Path rel) throws IOException {
        long ino = cache.lookup(Cache.ROOT, "corpus").ino();
        for (Path part : rel) {
            ino = cache.lookup(ino, part.toString()).ino();
        }
        return ino;
    }

    private static Path largestFile(Path dir) throws IOException {
        try (var all = Files.walk(dir)) {
            return all.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()))
                    .orElseThrow(() -> new IOException(dir + " holds no file"));
        }
    }

    private void restic(Path repo, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("restic", "--repo", repo.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve("restic.log").toFile());
        pb.environment().put("RESTIC_PASSWORD", "bench");
        int code = pb.start().waitFor();
        if (code != 0) {
            throw new IOException("restic " + String.join(" ", args) + " failed (exit " + code + "); see " + work.resolve("restic.log"));
        }
    }

    /** Drops the page cache when allowed (root outside a container), so restores read the disk. */
    private void dropCaches() {
        if (PageCache.drop()) {
            result.put("cold_cache", true);
        } else {
            result.putIfAbsent("cold_cache", false);
        }
    }

    private void put(String key, Object value) {
        result.put(key, value);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}

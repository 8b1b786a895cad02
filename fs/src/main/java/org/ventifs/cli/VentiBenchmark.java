package org.ventifs.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;

/**
 * Measures a block store against a plain file on the same disk: new 8 KiB and 56 KiB
 * incompressible blocks written (then synced), written again (the dedup path), read
 * in write order and in random order; and the same number of bytes written to a plain
 * file with one final fsync, and read back. Every read phase, the plain file's too,
 * starts cold: the caches are emptied first (see docs/benchmarks.md), so that both
 * read from the disk rather than one from the page cache.
 */
final class VentiBenchmark {
    /** The block sizes measured: 8 KiB and the largest, 56 KiB. */
    static final int[] BLOCK_SIZES = {8192, BlockStore.MAX_BLOCK_SIZE};

    /** One measured phase. {@code baseline} is the plain file's rate it compares with (MB/s), or 0. */
    record Phase(String name, int blockSize, long blocks, long bytes, double seconds, double cpuSeconds,
            double baselineMBps) {
        double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }

        double blocksPerSecond() {
            return blocks / seconds;
        }

        double ratioToPlainFile() {
            return baselineMBps > 0 ? mbPerSecond() / baselineMBps : 0;
        }

        Phase withBaseline(double mbPerSecond) {
            return new Phase(name, blockSize, blocks, bytes, seconds, cpuSeconds, mbPerSecond);
        }
    }

    private final BlockStore store;
    private final Path plainFile;
    private final long bytesPerSize;
    private final int readThreads;
    private final BooleanSupplier emptyCaches;
    private boolean coldReads = true;

    /**
     * Measures {@code store}, with {@code plainFile} (to be created, then deleted) on the
     * same disk; the read phases run once on one thread and, when {@code readThreads} is
     * more than 1, again on that many threads sharing one position in the read order.
     * {@code emptyCaches} runs before every read phase and says whether it emptied the
     * caches (the store's and the kernel's).
     */
    VentiBenchmark(BlockStore store, Path plainFile, long totalBytes, int readThreads, BooleanSupplier emptyCaches) {
        this.store = store;
        this.plainFile = plainFile;
        this.bytesPerSize = totalBytes / BLOCK_SIZES.length;
        this.readThreads = readThreads;
        this.emptyCaches = emptyCaches;
    }

    /** Whether every read phase of the last run started with empty caches. */
    boolean coldReads() {
        return coldReads;
    }

    /**
     * Runs every phase and returns them: the plain file's write and read before the
     * store's phases, again after them, then the store's phases, each compared with the
     * mean of the plain file's two runs.
     */
    List<Phase> run() throws IOException {
        warmUp();
        long nonce = System.nanoTime();
        List<BenchmarkBlocks> sets = new ArrayList<>();
        for (int size : BLOCK_SIZES) {
            sets.add(new BenchmarkBlocks(size, nonce));
        }
        List<Phase> plainBefore = plainFilePhases(sets, "");
        List<Phase> storePhases = new ArrayList<>();
        for (BenchmarkBlocks blocks : sets) {
            long count = bytesPerSize / blocks.blockSize();
            Score[] scores = new Score[(int) count];
            storePhases.add(write("write-new", blocks, count, scores, 0));
            storePhases.add(write("write-dup", blocks, count, scores, 0));
            for (int threads : readThreads > 1 ? new int[] {1, readThreads} : new int[] {1}) {
                String suffix = threads > 1 ? "-" + threads + "-threads" : "";
                storePhases.add(read("read-in-write-order" + suffix, blocks, scores, identity(scores.length), threads, 0));
                storePhases.add(read("read-random" + suffix, blocks, scores, shuffled(scores.length), threads, 0));
            }
        }
        List<Phase> plainAfter = plainFilePhases(sets, "-again");
        // The baseline is the mean of the plain file's runs before and after, so that a
        // change in the machine's load during the run biases no phase.
        double w = (plainBefore.get(0).mbPerSecond() + plainAfter.get(0).mbPerSecond()) / 2;
        double r = (plainBefore.get(1).mbPerSecond() + plainAfter.get(1).mbPerSecond()) / 2;
        List<Phase> phases = new ArrayList<>(plainBefore);
        phases.addAll(plainAfter);
        for (Phase p : storePhases) {
            phases.add(p.withBaseline(p.name().startsWith("write") ? w : r));
        }
        return phases;
    }

    /** Runs the store's code paths unmeasured first, so that the JIT has compiled them before the clock starts. */
    private void warmUp() throws IOException {
        BenchmarkBlocks blocks = new BenchmarkBlocks(8192, ~System.nanoTime());
        int count = (int) Math.max(1, Math.min(8192, bytesPerSize / 8192));
        Score[] scores = new Score[count];
        write("warm-up", blocks, count, scores, 0);
        write("warm-up", blocks, count, scores, 0);
        read("warm-up", blocks, scores, identity(count), 1, 0);
    }

    private Phase write(String name, BenchmarkBlocks blocks, long count, Score[] scores, double baseline)
            throws IOException {
        byte[] block = new byte[blocks.blockSize()];
        long t0 = startClock();
        for (int i = 0; i < count; i++) {
            blocks.fill(i, block);
            Score s = store.put(BlockType.DATA, block, 0, block.length);
            if (scores[i] != null && !scores[i].equals(s)) {
                throw new IOException("block " + i + " got score " + s + " the second time, " + scores[i] + " the first");
            }
            scores[i] = s;
        }
        store.sync();
        return phase(name, blocks.blockSize(), count, t0, baseline);
    }

    private Phase read(String name, BenchmarkBlocks blocks, Score[] scores, int[] order, int threads,
            double baseline) throws IOException {
        AtomicInteger next = new AtomicInteger();
        if (!name.equals("warm-up")) {
            startCold();
        }
        Callable<Void> reader = () -> {
            for (int at; (at = next.getAndIncrement()) < order.length; ) {
                Score s = scores[order[at]];
                byte[] b = store.get(s, BlockType.DATA);
                if (b.length != blocks.blockSize()) {
                    throw new IOException("block " + s + " read back as " + b.length + " bytes");
                }
            }
            return null;
        };
        long t0 = startClock();
        if (threads == 1) {
            try {
                reader.call();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                for (Future<Void> f : pool.invokeAll(Collections.nCopies(threads, reader))) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return phase(name, blocks.blockSize(), order.length, t0, baseline);
    }

    /** Writes the plain file (with one final fsync), reads it back, deletes it: two phases. */
    private List<Phase> plainFilePhases(List<BenchmarkBlocks> sets, String suffix) throws IOException {
        try {
            Phase write = writePlainFile(sets, "plain-file-write" + suffix);
            Phase read = readPlainFile("plain-file-read" + suffix);
            return List.of(write, read);
        } finally {
            Files.deleteIfExists(plainFile);
        }
    }

    private Phase writePlainFile(List<BenchmarkBlocks> sets, String name) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(4 << 20);
        long blocks = 0;
        long t0 = startClock();
        try (FileChannel ch = FileChannel.open(plainFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (BenchmarkBlocks set : sets) {
                byte[] block = new byte[set.blockSize()];
                long count = bytesPerSize / set.blockSize();
                for (int i = 0; i < count; i++) {
                    set.fill(i, block);
                    if (buf.remaining() < block.length) {
                        drain(ch, buf);
                    }
                    buf.put(block);
                }
                blocks += count;
            }
            drain(ch, buf);
            ch.force(false);
        }
        return phase(name, 0, blocks, t0, 0, Files.size(plainFile));
    }

    private Phase readPlainFile(String name) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(4 << 20);
        long bytes = 0;
        startCold();
        long t0 = startClock();
        try (FileChannel ch = FileChannel.open(plainFile, StandardOpenOption.READ)) {
            for (int n; (n = ch.read(buf.clear())) > 0; ) {
                bytes += n;
            }
        }
        return phase(name, 0, 0, t0, 0, bytes);
    }

    private void startCold() {
        coldReads &= emptyCaches.getAsBoolean();
    }

    private static void drain(FileChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }

    private static Phase phase(String name, int blockSize, long blocks, long t0, double baseline) {
        return phase(name, blockSize, blocks, t0, baseline, blocks * blockSize);
    }

    private static Phase phase(String name, int blockSize, long blocks, long t0, double baseline, long bytes) {
        return new Phase(name, blockSize, blocks, bytes, (System.nanoTime() - t0) / 1e9,
                (processCpuNanos() - cpuAtStart) / 1e9, baseline);
    }

    /** CPU time of the whole process at the start of the current phase (all threads: JIT, GC, writeback too). */
    private static long cpuAtStart;

    private static long startClock() {
        cpuAtStart = processCpuNanos();
        return System.nanoTime();
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static int[] shuffled(int n) {
        int[] order = identity(n);
        Random rnd = new Random(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}

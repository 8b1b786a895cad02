package org.ventifs.cli;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;
import org.ventifs.venti.wire.VentiClient;

/**
 * Measures a Venti server against an in-process embedded store in the same run,
 * with new incompressible 8 KiB blocks: the in-process store's sequential writes
 * before and after the server's pipelined writes (up to 256 in flight), then the
 * same blocks again (dedup), unpipelined writes, and reads. The figure that matters
 * is the ratio of pipelined server writes to the in-process writes.
 */
final class VentiServerBenchmark {
    static final int BLOCK = 8192;
    private static final int IN_FLIGHT = 256;

    /** One measured phase; {@code ratio} compares its rate with the mean in-process write rate (0 for those). */
    record Measurement(String name, long blocks, double seconds, double ratio) {
        double mbPerSecond() {
            return blocks * (double) BLOCK / 1e6 / seconds;
        }

        /** This measurement with its ratio to {@code baselineMBps}. */
        Measurement comparedWith(double baselineMBps) {
            return new Measurement(name, blocks, seconds, mbPerSecond() / baselineMBps);
        }

        String toJson() {
            return String.format(Locale.ROOT, "{\"phase\": \"%s\", \"blockSize\": %d, \"blocks\": %d, "
                    + "\"seconds\": %.3f, \"MBps\": %.1f, \"blocksPerSecond\": %.0f, \"ratioToInProcess\": %.3f}",
                    name, BLOCK, blocks, seconds, mbPerSecond(), blocks / seconds, ratio);
        }
    }

    private final BlockStore inProcess;
    private final VentiClient server;
    private final int blocks;

    /** Measures {@code server} against {@code inProcess} (a scratch store) with {@code bytes} of blocks each. */
    VentiServerBenchmark(BlockStore inProcess, VentiClient server, long bytes) {
        this.inProcess = inProcess;
        this.server = server;
        this.blocks = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / BLOCK));
    }

    /**
     * Runs every phase, warm-ups first (unreported), and returns the measurements. The
     * in-process writes run just before and just after the pipelined server writes, on
     * blocks new to the store, and every ratio is to the mean of those two runs, so that
     * a change in the machine's load during the run biases no phase.
     */
    List<Measurement> run() throws IOException {
        BenchmarkBlocks warm = new BenchmarkBlocks(BLOCK, ~System.nanoTime());
        int warmCount = Math.min(blocks, 16384); // enough for the server JVM's JIT too
        writeSequentially(inProcess, warm, 0, warmCount);
        writePipelined(warm, 0, warmCount);
        read(warm, warmCount);

        List<Measurement> out = new ArrayList<>();
        BenchmarkBlocks fresh = new BenchmarkBlocks(BLOCK, System.nanoTime());
        BenchmarkBlocks again = new BenchmarkBlocks(BLOCK, System.nanoTime() + 2);
        BenchmarkBlocks more = new BenchmarkBlocks(BLOCK, System.nanoTime() + 1);
        int unpipelined = Math.max(1, blocks / 8);
        out.add(measure("in-process-write-new", blocks, () -> writeSequentially(inProcess, fresh, 0, blocks)));
        out.add(measure("venti-write-new-pipelined", blocks, () -> writePipelined(fresh, 0, blocks)));
        out.add(measure("in-process-write-new-again", blocks, () -> writeSequentially(inProcess, again, 0, blocks)));
        out.add(measure("venti-write-dup-pipelined", blocks, () -> writePipelined(fresh, 0, blocks)));
        out.add(measure("venti-write-new-unpipelined", unpipelined,
                () -> writeSequentially(server, more, 0, unpipelined)));
        out.add(measure("venti-read-in-write-order", blocks, () -> read(fresh, blocks)));
        double local = (out.get(0).mbPerSecond() + out.get(2).mbPerSecond()) / 2;
        List<Measurement> rated = new ArrayList<>();
        for (Measurement m : out) {
            rated.add(m.name().startsWith("in-process") ? m : m.comparedWith(local));
        }
        return rated;
    }

    /** The measurements as one JSON object, naming the server and the in-process store. */
    static String toJson(String server, String inProcessStore, List<Measurement> phases) {
        StringBuilder s = new StringBuilder("{\n  \"venti\": ").append(quote(server))
                .append(",\n  \"inProcessStore\": ").append(quote(inProcessStore)).append(",\n  \"phases\": [\n");
        for (int i = 0; i < phases.size(); i++) {
            s.append("    ").append(phases.get(i).toJson()).append(i + 1 < phases.size() ? ",\n" : "\n");
        }
        return s.append("  ]\n}\n").toString();
    }

    /** The measurements as a table. */
    static String toTable(List<Measurement> phases) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-30s %8s %10s %12s %12s%n",
                "phase", "MB", "MB/s", "blocks/s", "vs in-proc"));
        for (Measurement m : phases) {
            s.append(String.format(Locale.ROOT, "%-30s %8.0f %10.1f %12.0f %12.2f%n", m.name(),
                    m.blocks() * (double) BLOCK / 1e6, m.mbPerSecond(), m.blocks() / m.seconds(), m.ratio()));
        }
        return s.toString();
    }

    private interface Work {
        void run() throws IOException;
    }

    private static Measurement measure(String name, long count, Work work) throws IOException {
        long t0 = System.nanoTime();
        work.run();
        return new Measurement(name, count, (System.nanoTime() - t0) / 1e9, 0);
    }

    private static void writeSequentially(BlockStore store, BenchmarkBlocks set, int from, int count)
            throws IOException {
        byte[] block = new byte[BLOCK];
        for (int i = from; i < from + count; i++) {
            set.fill(i, block);
            store.put(BlockType.DATA, block, 0, BLOCK);
        }
        store.sync();
    }

    private void writePipelined(BenchmarkBlocks set, int from, int count) throws IOException {
        byte[] block = new byte[BLOCK];
        ArrayDeque<CompletableFuture<Score>> inFlight = new ArrayDeque<>();
        for (int i = from; i < from + count; i++) {
            set.fill(i, block);
            inFlight.add(server.putAsync(BlockType.DATA, block, 0, BLOCK));
            if (inFlight.size() >= IN_FLIGHT) {
                await(inFlight.poll());
            }
        }
        while (!inFlight.isEmpty()) {
            await(inFlight.poll());
        }
        server.sync();
    }

    private void read(BenchmarkBlocks set, int count) throws IOException {
        byte[] block = new byte[BLOCK];
        for (int i = 0; i < count; i++) {
            set.fill(i, block);
            byte[] got = server.get(Score.of(block), BlockType.DATA);
            if (got.length != BLOCK) {
                throw new IOException("block " + i + " read back as " + got.length + " bytes");
            }
        }
    }

    private static void await(CompletableFuture<Score> f) throws IOException {
        try {
            f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

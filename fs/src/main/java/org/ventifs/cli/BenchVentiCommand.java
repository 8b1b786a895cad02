package org.ventifs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ventifs.venti.local.LocalVenti;
import org.ventifs.venti.wire.VentiAddress;
import org.ventifs.venti.wire.VentiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ventifs bench venti}: measures block write, dedup and read rates against a plain file on the same disk. */
@Command(name = "venti", mixinStandardHelpOptions = true,
        description = "Measures block write, dedup and read rates against a plain file on the same disk.")
final class BenchVentiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "DIR", description = "A scratch embedded store to measure.")
    Path store;

    @Option(names = "--venti", paramLabel = "ADDR", description = "A Venti server to measure against an "
            + "in-process store (in --store DIR, else a temporary folder) with pipelined 8 KiB writes and reads.")
    String venti;

    @Option(names = "--mib", paramLabel = "N", defaultValue = "1024",
            description = "MiB of new blocks to write, half in 8 KiB blocks, half in 56 KiB (default ${DEFAULT-VALUE}).")
    long mib;

    @Option(names = "--read-threads", paramLabel = "N", defaultValue = "2",
            description = "Also run the read phases on N threads (default ${DEFAULT-VALUE}; 1 runs them once).")
    int readThreads;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (venti != null) {
            return benchServer();
        }
        if (store == null) {
            throw new ParameterException(spec.commandLine(), "name a scratch store to measure with --store DIR");
        }
        if (mib < 1 || readThreads < 1) {
            throw new ParameterException(spec.commandLine(), "--mib and --read-threads must be at least 1");
        }
        Files.createDirectories(store);
        List<VentiBenchmark.Phase> phases;
        boolean cold;
        try (LocalVenti v = LocalVenti.open(store)) {
            VentiBenchmark bench = new VentiBenchmark(v, store.resolve("bench-plain-file"), mib << 20, readThreads,
                    () -> {
                        v.forgetCachedBlocks();
                        return PageCache.drop();
                    });
            phases = bench.run();
            cold = bench.coldReads();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? toJson(phases, cold) : toTable(phases, cold));
        out.flush();
        return ExitCode.OK;
    }

    /** {@code --venti}: the server against an in-process scratch store, --mib of 8 KiB blocks per phase. */
    private int benchServer() throws IOException {
        if (mib < 1) {
            throw new ParameterException(spec.commandLine(), "--mib must be at least 1");
        }
        VentiAddress address;
        try {
            address = VentiAddress.parse(venti);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--venti: " + e.getMessage());
        }
        Path scratch = store != null ? store : Files.createTempDirectory("ventifs-bench-");
        List<VentiServerBenchmark.Measurement> phases;
        try (LocalVenti local = LocalVenti.open(scratch);
             VentiClient client = VentiClient.connect(address, VentiClient.DEFAULT_TIMEOUT)) {
            phases = new VentiServerBenchmark(local, client, mib << 20).run();
        } finally {
            if (store == null) {
                Trees.delete(scratch);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? VentiServerBenchmark.toJson(address.toString(), scratch.toString(), phases)
                : VentiServerBenchmark.toTable(phases));
        out.flush();
        return ExitCode.OK;
    }

    private String toJson(List<VentiBenchmark.Phase> phases, boolean cold) {
        StringBuilder s = new StringBuilder();
        s.append("{\n  \"store\": \"").append(store.toAbsolutePath().toString().replace("\\", "\\\\")
                .replace("\"", "\\\"")).append("\",\n  \"cold_reads\": ").append(cold)
                .append(",\n  \"phases\": [\n");
        for (int i = 0; i < phases.size(); i++) {
            VentiBenchmark.Phase p = phases.get(i);
            s.append(String.format(Locale.ROOT,
                    "    {\"phase\": \"%s\", \"blockSize\": %d, \"blocks\": %d, \"bytes\": %d, \"seconds\": %.3f, "
                            + "\"cpuSeconds\": %.3f, \"MBps\": %.1f, \"blocksPerSecond\": %.0f, \"plainFileMBps\": %.1f, \"ratioToPlainFile\": %.3f}%s\n",
                    p.name(), p.blockSize(), p.blocks(), p.bytes(), p.seconds(), p.cpuSeconds(), p.mbPerSecond(),
                    p.blocksPerSecond(), p.baselineMBps(), p.ratioToPlainFile(), i + 1 < phases.size() ? "," : ""));
        }
        return s.append("  ]\n}\n").toString();
    }

    private static String toTable(List<VentiBenchmark.Phase> phases, boolean cold) {
        StringBuilder s = new StringBuilder(cold ? "every read phase starts with empty caches\n"
                : "warm reads: the caches could not be emptied (run as root on Linux for cold reads)\n");
        s.append(String.format(Locale.ROOT, "%-30s %6s %6s %8s %8s %9s %8s%n",
                "phase", "block", "MB", "cpu s", "MB/s", "blocks/s", "vs file"));
        for (VentiBenchmark.Phase p : phases) {
            s.append(String.format(Locale.ROOT, "%-30s %6d %6.0f %8.2f %8.1f %9.0f %8.2f%n", p.name(),
                    p.blockSize(), p.bytes() / 1e6, p.cpuSeconds(), p.mbPerSecond(), p.blocksPerSecond(),
                    p.ratioToPlainFile()));
        }
        return s.toString();
    }
}

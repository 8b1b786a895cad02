package org.ventifs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ventifs.venti.local.LocalVenti;
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

    @Option(names = "--venti", paramLabel = "ADDR", description = "A Venti server to measure.")
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
            throw new IOException("measuring a Venti server (--venti) is not supported yet; use --store DIR");
        }
        if (store == null) {
            throw new ParameterException(spec.commandLine(), "name a scratch store to measure with --store DIR");
        }
        if (mib < 1 || readThreads < 1) {
            throw new ParameterException(spec.commandLine(), "--mib and --read-threads must be at least 1");
        }
        Files.createDirectories(store);
        List<VentiBenchmark.Phase> phases;
        try (LocalVenti v = LocalVenti.open(store)) {
            phases = new VentiBenchmark(v, store.resolve("bench-plain-file"), mib << 20, readThreads).run();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? toJson(phases) : toTable(phases));
        out.flush();
        return ExitCode.OK;
    }

    private String toJson(List<VentiBenchmark.Phase> phases) {
        StringBuilder s = new StringBuilder();
        s.append("{\n  \"store\": \"").append(store.toAbsolutePath().toString().replace("\\", "\\\\")
                .replace("\"", "\\\"")).append("\",\n  \"phases\": [\n");
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

    private static String toTable(List<VentiBenchmark.Phase> phases) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-30s %6s %6s %8s %8s %9s %8s%n",
                "phase", "block", "MB", "cpu s", "MB/s", "blocks/s", "vs file"));
        for (VentiBenchmark.Phase p : phases) {
            s.append(String.format(Locale.ROOT, "%-30s %6d %6.0f %8.2f %8.1f %9.0f %8.2f%n", p.name(),
                    p.blockSize(), p.bytes() / 1e6, p.cpuSeconds(), p.mbPerSecond(), p.blocksPerSecond(),
                    p.ratioToPlainFile()));
        }
        return s.toString();
    }
}

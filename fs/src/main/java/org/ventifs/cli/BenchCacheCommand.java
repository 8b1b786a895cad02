package org.ventifs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ventifs.cache.Cache;
import org.ventifs.cache.CacheBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ventifs bench cache}: creates, stats and unlinks per second, and large-file MB/s against a plain file. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Measures the writable cache through its Java API (no FUSE): creates, stats and unlinks "
                + "per second, and sequential write and read MB/s of a large file against a plain file on the "
                + "same disk. Prints JSON.")
final class BenchCacheCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR",
            description = "A scratch directory on the disk to measure (what the benchmark writes there is removed).")
    Path dir;

    @Option(names = "--files", paramLabel = "N", defaultValue = "100000", description = "Files to create (default ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--mib", paramLabel = "N", defaultValue = "1024", description = "Size of the large file in MiB (default ${DEFAULT-VALUE}).")
    long mib;

    @Option(names = "--block-size", paramLabel = "BYTES", description = "Cache block size (default 32768).")
    int blockSize = Cache.DEFAULT_BLOCK_SIZE;

    @Option(names = "--json", description = "Print JSON (the only output format).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().println(new CacheBenchmark(dir, files, mib << 20, blockSize).run());
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}

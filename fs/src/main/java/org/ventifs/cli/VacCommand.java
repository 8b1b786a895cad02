package org.ventifs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ventifs.vac.Entry;
import org.ventifs.vac.VacTree;
import org.ventifs.vac.posix.Progress;
import org.ventifs.vac.posix.TreeArchiver;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.Score;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ventifs vac}: Archives a directory tree into a store and prints vac:SCORE. */
@Command(name = "vac", mixinStandardHelpOptions = true,
        description = "Archives a directory tree into a store and prints vac:SCORE.")
final class VacCommand implements Callable<Integer> {
    @Mixin
    StoreOptions storeOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "-o", paramLabel = "FILE.vac", description = "Also write the root score to this .vac file.")
    Path output;

    @Option(names = "-d", paramLabel = "PREV.vac",
            description = "Reuse the entries of files unchanged (size, mtime, ctime, inode) since this archive.")
    String previous;

    @Option(names = "--block-size", paramLabel = "BYTES", defaultValue = "8192",
            description = "Data block size (default ${DEFAULT-VALUE}; 256 to 57344).")
    int blockSize;

    // More threads than cores: reading files waits on the disk more than it computes.
    @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
            description = "Files archived at once (default ${DEFAULT-VALUE}).")
    int threads;

    @Parameters(paramLabel = "DIR", description = "The directory tree to archive.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        if (blockSize < Entry.MIN_BLOCK_SIZE || blockSize > BlockStore.MAX_BLOCK_SIZE || threads < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--block-size must be 256..57344 and --threads at least 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (BlockStore store = storeOptions.openForOnePass(); Progress progress = new Progress("vac", err)) {
            VacTree prev = previous == null ? null : VacTree.open(store, VacReference.parse(previous));
            TreeArchiver archiver = new TreeArchiver(store, blockSize, prev, progress);
            Score score = archiver.archive(dir, threads);
            for (String warning : archiver.warnings()) {
                err.println("vac: " + warning);
            }
            if (progress.seconds() >= 5) {
                err.println(progress.line());
            }
            err.flush();
            if (output != null) {
                VacReference.write(output, score);
            }
            spec.commandLine().getOut().println("vac:" + score);
            spec.commandLine().getOut().flush();
        }
        return ExitCode.OK;
    }
}

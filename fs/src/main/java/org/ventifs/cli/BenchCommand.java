package org.ventifs.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ventifs bench}: benchmarks that print JSON. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures (JSON with --json).",
        subcommands = {BenchVentiCommand.class, BenchCacheCommand.class, BenchSnapshotCommand.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand (see ventifs bench --help)");
    }
}

package org.ventifs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ventifs history}: Lists every distinct version of a file across the dumps. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Lists every distinct version of a file across the dumps.")
final class HistoryCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH")
    String path;

    @Override
    public Integer call() {
        throw new NotBuiltYet("ventifs history", 7);
    }
}

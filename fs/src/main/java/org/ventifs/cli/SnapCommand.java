package org.ventifs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ventifs.fs.control.ControlClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ventifs snap}: Takes a snapshot now and prints the dump name and its vac score once it is durable. */
@Command(name = "snap", mixinStandardHelpOptions = true,
        description = "Takes a snapshot now and prints the dump name and its vac score once it is durable.")
final class SnapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--no-wait", description = "Return right after the freeze (prints the dump name only).")
    boolean noWait;

    @Parameters(paramLabel = "MOUNTPOINT")
    String mountpoint;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ControlClient daemon = ControlClient.forMount(Path.of(mountpoint));
        if (noWait) {
            out.println(daemon.snapNoWait().split(" ")[0]);
        } else {
            out.println(daemon.snap());
        }
        out.flush();
        return ExitCode.OK;
    }
}

package org.ventifs.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.ventifs.fs.control.ControlClient;
import org.ventifs.fs.control.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ventifs status}: the running file system's figures, asked of its daemon over the control socket. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows dirty bytes, the last snapshot and its age, the archiver's progress, cache use,"
            + " store size and deduplication ratio of the file system mounted at MOUNTPOINT.",
            "Exits 1 when no ventifs is mounted there."})
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON object (stable field names) for monitoring.")
    boolean json;

    @Parameters(paramLabel = "MOUNTPOINT")
    Path mountpoint;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path mnt = mountpoint.toAbsolutePath().normalize();
        Path data = ControlClient.dataDirectoryOf(mnt);
        StatusReport report = ControlClient.of(data.resolve(ControlClient.SOCKET_NAME)).statusReport();
        StatusView view = new StatusView(mnt, data, report, Instant.now());
        spec.commandLine().getOut().print(json ? view.json() + System.lineSeparator() : view.table());
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}

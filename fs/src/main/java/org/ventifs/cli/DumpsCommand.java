package org.ventifs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.ventifs.fs.control.ControlClient;
import org.ventifs.snapshot.Catalog;
import org.ventifs.snapshot.DumpRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ventifs dumps}: Lists dumps: name, local time, vac score, bytes added to Venti. */
@Command(name = "dumps", mixinStandardHelpOptions = true,
        description = "Lists dumps: name, local time, vac score, bytes added to Venti.")
final class DumpsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Read the catalog of this data directory instead of a mount.")
    String data;

    @Parameters(paramLabel = "MOUNTPOINT", arity = "0..1")
    String mountpoint;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if ((data == null) == (mountpoint == null)) {
            throw new ParameterException(spec.commandLine(), "give either a MOUNTPOINT or --data DIR");
        }
        Path dir = data != null ? Path.of(data) : ControlClient.dataDirectoryOf(Path.of(mountpoint));
        Path catalog = dir.resolve("catalog");
        if (!Files.isDirectory(catalog)) {
            throw new IOException(dir + " holds no catalog; is it a ventifs data directory?");
        }
        ZoneId zone = ZoneId.systemDefault();
        for (DumpRecord d : Catalog.read(catalog)) {
            out.printf("%-12s  %s  vac:%s  %d%n", d.name(),
                    TIME.format(Instant.ofEpochSecond(d.frozenAtEpochSecond()).atZone(zone)), d.root(), d.bytesAdded());
        }
        out.flush();
        return ExitCode.OK;
    }
}

package org.ventifs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ventifs.fs.control.ControlClient;
import org.ventifs.fs.control.HistoryLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/** {@code ventifs history}: Lists every distinct version of a file across the dumps. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Lists every distinct version of a file across the dumps: dump, size, mtime, "
                + "and what changed since the previous version.")
final class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Parameters(paramLabel = "PATH", description = "A path in a mounted ventifs' active tree (it may be gone now).")
    String path;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path abs = Path.of(path).toAbsolutePath().normalize();
        Map.Entry<Path, Path> mount = ControlClient.mountHolding(abs)
                .orElseThrow(() -> new IOException(path + " is not inside a mounted ventifs; give a path under its mount point"));
        Path rel = mount.getKey().relativize(abs);
        if (rel.getNameCount() > 0 && rel.getName(0).toString().equals("dump")) {
            throw new IOException(path + " is inside /dump; give the file's path in the active tree");
        }
        List<HistoryLine> versions = ControlClient.of(mount.getValue().resolve(ControlClient.SOCKET_NAME))
                .history(rel.toString());
        if (versions.isEmpty()) {
            spec.commandLine().getErr().println("history: no dump holds " + path);
            return ExitCode.FAILURE;
        }
        ZoneId zone = ZoneId.systemDefault();
        HistoryLine previous = null;
        for (HistoryLine v : versions) {
            String what = previous == null ? "first"
                    : !previous.score().equals(v.score()) || previous.size() != v.size() ? "content changed"
                    : "attributes changed";
            out.printf("%-12s  %12d  %s  %s%n", v.dump(), v.size(),
                    TIME.format(Instant.ofEpochSecond(Math.floorDiv(v.mtimeNs(), 1_000_000_000L)).atZone(zone)), what);
            previous = v;
        }
        out.flush();
        return ExitCode.OK;
    }
}

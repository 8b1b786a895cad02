package org.ventifs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ventifs.fs.DataDirectory;
import org.ventifs.snapshot.DumpRecord;
import org.ventifs.snapshot.Recovery;
import org.ventifs.vac.posix.Progress;
import org.ventifs.venti.Score;
import org.ventifs.venti.local.LocalVenti;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** {@code ventifs format}: Creates a data directory; --from rebuilds a whole file system from one root score. */
@Command(name = "format", mixinStandardHelpOptions = true,
        description = "Creates a data directory; --from rebuilds a whole file system from one root score.")
final class FormatCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "The data directory to create.")
    String data;

    @Option(names = "--venti", paramLabel = "ADDR", description = "Keep blocks on this Venti server.")
    String venti;

    @Option(names = "--from", paramLabel = "vac:SCORE",
            description = "Rebuild the file system and every dump from this root; its blocks must be in DIR/venti.")
    String from;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (venti != null) {
            throw new NotBuiltYet("ventifs format --venti", 7);
        }
        Path dir = data != null ? Path.of(data) : DataDirectories.defaultDataDirectory();
        if (Files.exists(dir.resolve("cache").resolve("data.mdb"))) {
            throw new IOException(dir + " already holds a file system; choose an empty directory");
        }
        if (from == null) {
            int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            int gid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
            DataDirectory.openOrFormat(dir, uid, gid).close();
            out.println("formatted " + dir);
            out.flush();
            return ExitCode.OK;
        }
        Score root = VacReference.parse(from);
        Path store = DataDirectories.storeIn(dir);
        if (!Files.isDirectory(store)) {
            throw new IOException("no store in " + store + "; copy the arenas there (or serve them) before --from");
        }
        List<DumpRecord> dumps;
        try (LocalVenti venti = LocalVenti.open(store);
             Progress progress = Progress.onTerminal("format --from", "files", spec.commandLine().getErr())) {
            dumps = Recovery.formatFrom(dir, venti, root, progress::file);
            venti.sync();
        }
        out.println("rebuilt " + dir + " from vac:" + root + ": " + dumps.size() + " dumps, newest "
                + dumps.get(dumps.size() - 1).name());
        out.flush();
        return ExitCode.OK;
    }
}

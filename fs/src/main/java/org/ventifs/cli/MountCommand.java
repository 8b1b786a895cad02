package org.ventifs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ventifs mount}: Mounts the file system, formatting the data directory with the embedded store on first use. */
@Command(name = "mount", mixinStandardHelpOptions = true,
        description = "Mounts the file system, formatting the data directory with the embedded store on first use.")
final class MountCommand implements Callable<Integer> {
    @Option(names = "-o", paramLabel = "OPTS", description = "FUSE mount options, comma-separated (allow_other, ro, ...).")
    String options;

    @Option(names = "--data", paramLabel = "DIR", description = "The data directory (default /var/lib/ventifs/default for root, ~/.local/share/ventifs/default otherwise).")
    String data;

    @Option(names = "--venti", paramLabel = "ADDR", description = "Keep blocks on this Venti server (tcp!host!port or host:port).")
    String venti;

    @Option(names = "--snap-at", paramLabel = "HH:MM|none", defaultValue = "04:00", description = "Local time of the nightly snapshot (default ${DEFAULT-VALUE}).")
    String snapAt;

    @Option(names = "-f", description = "Stay in the foreground.")
    boolean foreground;

    @Parameters(paramLabel = "MOUNTPOINT")
    String mountpoint;

    @Override
    public Integer call() {
        throw new NotBuiltYet("ventifs mount", 6);
    }
}

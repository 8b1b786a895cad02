package org.ventifs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a data directory lives when the command line names none:
 * {@code /var/lib/ventifs/default} for root, {@code ~/.local/share/ventifs/default}
 * for everyone else.
 */
final class DataDirectories {
    private DataDirectories() {
    }

    /** The default data directory of the user running this process. */
    static Path defaultDataDirectory() {
        return defaultFor(isRoot(), Path.of(System.getProperty("user.home")));
    }

    /** The default data directory for root ({@code root}) or a user whose home is {@code home}. */
    static Path defaultFor(boolean root, Path home) {
        return root ? Path.of("/var/lib/ventifs/default") : home.resolve(".local/share/ventifs/default");
    }

    /** The embedded store inside data directory {@code dataDir}. */
    static Path storeIn(Path dataDir) {
        return dataDir.resolve("venti");
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}

package org.ventifs.fs.mount;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides whether a directory can take a new mount, and when it cannot, says in one
 * sentence what is wrong and how to fix it.
 */
public final class MountPointCheck {
    private MountPointCheck() {
    }

    /**
     * Returns the absolute mountpoint when it is an existing directory with nothing
     * mounted on it.
     *
     * @throws IOException with a one-line message naming the fix otherwise
     */
    public static Path check(Path mountpoint) throws IOException {
        Path abs = mountpoint.toAbsolutePath().normalize();
        Optional<MountTable.Mount> existing = MountTable.at(abs);
        if (existing.isPresent()) {
            MountTable.Mount m = existing.get();
            if (!isAlive(abs)) {
                throw new IOException("a dead mount (" + m.type() + " from " + m.source() + ") is still at " + abs
                        + "; remove it with 'fusermount3 -u " + abs + "' (or 'umount -l " + abs + "') and mount again");
            }
            throw new IOException(abs + " is busy: " + m.type() + " from " + m.source()
                    + " is mounted there; unmount it first ('umount " + abs + "') or choose another directory");
        }
        if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("mountpoint " + abs + " does not exist; create it with 'mkdir -p " + abs + "'");
        }
        if (!Files.isDirectory(abs)) {
            throw new IOException("mountpoint " + abs + " is not a directory; choose a directory");
        }
        return abs;
    }

    /** A FUSE mount whose server died answers ENOTCONN ("Transport endpoint is not connected"). */
    private static boolean isAlive(Path abs) {
        try {
            Files.readAttributes(abs, "unix:ino");
            return true;
        } catch (FileSystemException e) {
            return e.getReason() == null || !e.getReason().contains("not connected");
        } catch (IOException e) {
            return false;
        }
    }
}

package org.ventifs.fs.mount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The kernel's table of mounts, read from /proc/self/mountinfo. */
public final class MountTable {
    /** One mounted file system: where, what type, and its source (fsname). */
    public record Mount(Path mountpoint, String type, String source) {
    }

    private MountTable() {
    }

    /** Returns every current mount. */
    public static List<Mount> read() throws IOException {
        List<Mount> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            // id parent major:minor root mountpoint options [optional...] - type source superoptions
            String[] f = line.split(" ");
            int dash = line.indexOf(" - ");
            if (f.length < 5 || dash < 0) {
                continue;
            }
            String[] tail = line.substring(dash + 3).split(" ");
            out.add(new Mount(Path.of(unescape(f[4])), tail[0], tail.length > 1 ? unescape(tail[1]) : ""));
        }
        return out;
    }

    /** Returns the mount whose mountpoint is exactly {@code path}, the newest if stacked. */
    public static Optional<Mount> at(Path path) throws IOException {
        Path abs = path.toAbsolutePath().normalize();
        Mount found = null;
        for (Mount m : read()) {
            if (m.mountpoint().equals(abs)) {
                found = m;
            }
        }
        return Optional.ofNullable(found);
    }

    /** mountinfo escapes space, tab, newline and backslash as \ooo octal. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                try {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape: keep the backslash
                }
            }
            b.append(c);
        }
        return b.toString();
    }
}

package org.ventifs.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Numeric ids for the user and group names of trees written without our POSIX
 * extension (plan9port's vac stores only names), from /etc/passwd and /etc/group.
 * Unknown names map to nobody (65534).
 */
final class UserNames {
    static final int NOBODY = 65534;

    private final Map<String, Integer> users;
    private final Map<String, Integer> groups;

    private UserNames(Map<String, Integer> users, Map<String, Integer> groups) {
        this.users = users;
        this.groups = groups;
    }

    static UserNames load() {
        return new UserNames(read(Path.of("/etc/passwd")), read(Path.of("/etc/group")));
    }

    int uid(String name) {
        return users.getOrDefault(name, NOBODY);
    }

    int gid(String name) {
        return groups.getOrDefault(name, NOBODY);
    }

    private static Map<String, Integer> read(Path file) {
        Map<String, Integer> ids = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split(":");
                if (f.length >= 3) {
                    try {
                        ids.putIfAbsent(f[0], Integer.parseInt(f[2]));
                    } catch (NumberFormatException e) {
                        // not an entry
                    }
                }
            }
        } catch (IOException e) {
            // no such file: every name is nobody
        }
        return ids;
    }
}

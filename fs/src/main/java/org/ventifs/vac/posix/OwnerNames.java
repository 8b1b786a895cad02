package org.ventifs.vac.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * User and group names from /etc/passwd and /etc/group, both ways. Vac stores
 * owners as names; our POSIX extension keeps the numbers too. An id without a
 * name is written as its decimal number.
 */
final class OwnerNames {
    private final Map<Integer, String> users = new HashMap<>();
    private final Map<Integer, String> groups = new HashMap<>();
    private final Map<String, Integer> userIds = new HashMap<>();
    private final Map<String, Integer> groupIds = new HashMap<>();

    private OwnerNames() {
    }

    /** Reads the system's user and group databases (missing files mean no names). */
    static OwnerNames ofSystem() {
        OwnerNames names = new OwnerNames();
        names.load(Path.of("/etc/passwd"), names.users, names.userIds);
        names.load(Path.of("/etc/group"), names.groups, names.groupIds);
        return names;
    }

    String user(int uid) {
        return users.getOrDefault(uid, Integer.toUnsignedString(uid));
    }

    String group(int gid) {
        return groups.getOrDefault(gid, Integer.toUnsignedString(gid));
    }

    /** The uid named {@code name} (a name or a decimal number), or -1 when unknown. */
    int userId(String name) {
        return lookup(userIds, name);
    }

    /** The gid named {@code name} (a name or a decimal number), or -1 when unknown. */
    int groupId(String name) {
        return lookup(groupIds, name);
    }

    private static int lookup(Map<String, Integer> ids, String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void load(Path file, Map<Integer, String> byId, Map<String, Integer> byName) {
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split(":");
                if (f.length >= 3) {
                    try {
                        int id = Integer.parseInt(f[2]);
                        byId.putIfAbsent(id, f[0]);
                        byName.putIfAbsent(f[0], id);
                    } catch (NumberFormatException ignored) {
                        // a comment or a malformed line names nobody
                    }
                }
            }
        } catch (IOException e) {
            // No database: owners travel as numbers.
        }
    }
}

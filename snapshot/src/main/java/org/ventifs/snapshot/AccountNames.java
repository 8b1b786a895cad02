package org.ventifs.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The user and group names that vac DirEntries carry, from the system's account files;
 * an id without a name travels as its decimal number, and a name read back that is
 * neither known nor a number maps to a fallback id.
 */
final class AccountNames {
    private final Map<Integer, String> byId = new HashMap<>();
    private final Map<String, Integer> byName = new HashMap<>();

    private AccountNames(Path accounts) {
        try {
            for (String line : Files.readAllLines(accounts)) {
                String[] fields = line.split(":");
                if (fields.length > 2 && fields[2].matches("[0-9]+")) {
                    int id = Integer.parseInt(fields[2]);
                    byId.putIfAbsent(id, fields[0]);
                    byName.putIfAbsent(fields[0], id);
                }
            }
        } catch (IOException e) {
            // no account file: ids travel as numbers
        }
    }

    /** The users of /etc/passwd. */
    static AccountNames users() {
        return new AccountNames(Path.of("/etc/passwd"));
    }

    /** The groups of /etc/group. */
    static AccountNames groups() {
        return new AccountNames(Path.of("/etc/group"));
    }

    /** The name of {@code id}, or its unsigned decimal form. */
    String name(int id) {
        String name = byId.get(id);
        return name != null ? name : Integer.toUnsignedString(id);
    }

    /** The id named {@code name} (a known name or a decimal number), else {@code fallback}. */
    int id(String name, int fallback) {
        Integer id = byName.get(name);
        if (id != null) {
            return id;
        }
        return name.matches("[0-9]{1,9}") ? Integer.parseInt(name) : fallback;
    }
}

package org.ventifs.vac.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ventifs.vac.Xattr;

/**
 * Extended attributes of every namespace the process can see, read and written on
 * the path itself with llistxattr, lgetxattr and lsetxattr: one system call for a
 * file without attributes, where java.nio opens the file to list them.
 */
final class Xattrs {
    private static final LibcCalls LIBC = LibcCalls.LIBC;
    private static final int ERANGE = 34;
    private static final int ENODATA = 61;
    private static final int ENOTSUP = 95;

    /** Each thread's buffer for a list of names: most files have none, some a few. */
    private static final ThreadLocal<byte[]> NAMES = ThreadLocal.withInitial(() -> new byte[256]);

    private Xattrs() {
    }

    /** Reads the attributes of {@code path} (not following a link), sorted by name; none when unsupported. */
    static List<Xattr> read(Path path) throws IOException {
        String p = path.toString();
        byte[] names = NAMES.get();
        long n;
        while ((n = LIBC.llistxattr(p, names, names.length)) < 0) {
            int errno = Posix.errno();
            if (errno == ENOTSUP) {
                return List.of();
            }
            if (errno != ERANGE) {
                throw failure("list the extended attributes of", path, errno);
            }
            names = new byte[names.length * 4];
        }
        if (n == 0) {
            return List.of();
        }
        List<Xattr> xattrs = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (names[i] == 0) {
                String name = new String(names, start, i - start, StandardCharsets.UTF_8);
                start = i + 1;
                byte[] value = value(p, name, path);
                if (value != null) {
                    xattrs.add(new Xattr(name, value));
                }
            }
        }
        xattrs.sort((a, b) -> a.name().compareTo(b.name()));
        return xattrs;
    }

    /**
     * Sets {@code xattrs} on {@code path} itself.
     *
     * @return the names the system refused (a namespace this process may not write), for a warning
     */
    static List<String> write(Path path, List<Xattr> xattrs) throws IOException {
        List<String> refused = new ArrayList<>();
        for (Xattr x : xattrs) {
            byte[] value = x.value();
            if (LIBC.lsetxattr(path.toString(), x.name(), value, value.length, 0) < 0) {
                int errno = Posix.errno();
                if (errno == ENOTSUP || errno == 1 /* EPERM */ || errno == 13 /* EACCES */) {
                    refused.add(x.name());
                } else {
                    throw failure("set the extended attribute " + x.name() + " of", path, errno);
                }
            }
        }
        return refused;
    }

    private static byte[] value(String p, String name, Path path) throws IOException {
        byte[] value = new byte[256];
        long n;
        while ((n = LIBC.lgetxattr(p, name, value, value.length)) < 0) {
            int errno = Posix.errno();
            if (errno == ENODATA) {
                return null; // removed since the listing
            }
            if (errno != ERANGE) {
                throw failure("read the extended attribute " + name + " of", path, errno);
            }
            value = new byte[value.length * 4];
        }
        return Arrays.copyOf(value, (int) n);
    }

    private static IOException failure(String what, Path path, int errno) {
        return new IOException("cannot " + what + " " + path + ": " + Posix.strerror(errno));
    }
}

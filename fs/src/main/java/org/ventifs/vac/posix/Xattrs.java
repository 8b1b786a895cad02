package org.ventifs.vac.posix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import org.ventifs.vac.Xattr;

/**
 * Extended attributes of the {@code user.} namespace, the one java.nio reaches, on
 * regular files and directories (Linux allows user attributes on nothing else).
 */
final class Xattrs {
    private static final String USER = "user.";

    private Xattrs() {
    }

    /** Reads the user attributes of {@code path}, sorted by name; none when the file system has none. */
    static List<Xattr> read(Path path, FileFacts facts) throws IOException {
        if (!facts.isRegular() && !facts.isDirectory()) {
            return List.of();
        }
        UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class);
        if (view == null) {
            return List.of();
        }
        try {
            List<String> names = new ArrayList<>(view.list());
            names.sort(null);
            List<Xattr> xattrs = new ArrayList<>(names.size());
            for (String name : names) {
                ByteBuffer value = ByteBuffer.allocate(view.size(name));
                view.read(name, value);
                xattrs.add(new Xattr(USER + name, java.util.Arrays.copyOf(value.array(), value.position())));
            }
            return xattrs;
        } catch (UnsupportedOperationException e) {
            return List.of();
        } catch (FileSystemException e) {
            if (e.getMessage() != null && e.getMessage().contains("not supported")) {
                return List.of();
            }
            throw new IOException("cannot read the extended attributes of " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sets {@code xattrs} on {@code path}.
     *
     * @return the names that could not be set (another namespace than user.)
     */
    static List<String> write(Path path, List<Xattr> xattrs) throws IOException {
        List<String> skipped = new ArrayList<>();
        if (xattrs.isEmpty()) {
            return skipped;
        }
        UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class);
        for (Xattr x : xattrs) {
            if (!x.name().startsWith(USER) || view == null) {
                skipped.add(x.name());
                continue;
            }
            try {
                view.write(x.name().substring(USER.length()), ByteBuffer.wrap(x.value()));
            } catch (IOException e) {
                throw new IOException("cannot set the extended attribute " + x.name() + " of " + path + ": "
                        + e.getMessage(), e);
            }
        }
        return skipped;
    }
}

package org.ventifs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The calling process's user and group ids. */
final class CurrentUser {
    private CurrentUser() {
    }

    static int uid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    static int gid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
    }
}

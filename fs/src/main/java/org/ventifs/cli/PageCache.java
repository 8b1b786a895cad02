package org.ventifs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's page cache, emptied before a cold measurement (Linux, as root). */
final class PageCache {
    private PageCache() {
    }

    /**
     * Writes dirty pages back, then drops every clean page, dentry and inode from the
     * caches, so that the next reads come from the disk.
     *
     * @return whether the caches were dropped (false when not root or not Linux)
     */
    static boolean drop() {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}

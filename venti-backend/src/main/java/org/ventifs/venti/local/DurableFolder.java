package org.ventifs.venti.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Makes a folder's entries (files created, renamed or deleted in it) durable. */
final class DurableFolder {
    private DurableFolder() {
    }

    /** Fsyncs the folder {@code dir}, so that files created in it survive a crash. */
    static void sync(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}

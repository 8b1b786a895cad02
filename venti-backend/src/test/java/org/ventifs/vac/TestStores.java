package org.ventifs.vac;

import java.io.IOException;
import java.nio.file.Path;
import org.ventifs.venti.local.LocalVenti;
import org.ventifs.venti.local.LocalVentiConfig;

/** Real embedded stores in a test's temporary directory, with arenas small enough for tests. */
final class TestStores {
    private TestStores() {
    }

    static LocalVenti open(Path dir) throws IOException {
        return LocalVenti.open(dir, LocalVentiConfig.DEFAULT.withArenaCapacity(64L << 20));
    }
}

package org.ventifs.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.local.LocalVenti;
import picocli.CommandLine.Option;

/**
 * The picocli mixin that chooses a commands's block store: {@code --store DIR} for
 * an embedded store, by default the one in the default data directory.
 */
final class StoreOptions {
    @Option(names = "--store", paramLabel = "DIR",
            description = "The embedded store in DIR (default: the venti folder of the default data directory).")
    Path store;

    /** The folder of the embedded store these options name. */
    Path storeDirectory() {
        return store != null ? store : DataDirectories.storeIn(DataDirectories.defaultDataDirectory());
    }

    /**
     * Opens the store these options name; the caller closes it.
     *
     * @throws IOException when the store cannot be opened (the message names it)
     */
    BlockStore open() throws IOException {
        return LocalVenti.open(storeDirectory());
    }
}

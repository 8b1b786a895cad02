package org.ventifs.vac;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.local.LocalVenti;

/** A test over a real embedded store, opened fresh in a temporary directory for each test. */
abstract class StoreTest {
    @TempDir
    Path dir;
    LocalVenti venti;

    @BeforeEach
    void openStore() throws IOException {
        venti = TestStores.open(dir);
    }

    @AfterEach
    void closeStore() throws IOException {
        venti.close();
    }
}

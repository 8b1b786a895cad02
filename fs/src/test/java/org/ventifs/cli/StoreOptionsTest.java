package org.ventifs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class StoreOptionsTest {
    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Mixin
        StoreOptions storeOptions;

        @Override
        public void run() {
        }
    }

    @TempDir
    Path dir;

    @Test
    void storeOptionOpensTheEmbeddedStoreInThatFolder() throws IOException {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs("--store", dir.resolve("s").toString());
        assertEquals(dir.resolve("s"), probe.storeOptions.storeDirectory());
        byte[] b = {1, 2, 3};
        try (BlockStore store = probe.storeOptions.open()) {
            assertEquals(Score.of(b), store.write(BlockType.DATA, b));
        }
        try (BlockStore store = probe.storeOptions.open()) {
            assertArrayEquals(b, store.get(Score.of(b), BlockType.DATA));
        }
    }

    @Test
    void withoutStoreTheDefaultDataDirectoryHoldsIt() {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs();
        assertEquals(DataDirectories.defaultDataDirectory().resolve("venti"), probe.storeOptions.storeDirectory());
    }

    @Test
    void rootAndUsersHaveDifferentDefaults() {
        assertEquals(Path.of("/var/lib/ventifs/default"), DataDirectories.defaultFor(true, Path.of("/home/ann")));
        assertEquals(Path.of("/home/ann/.local/share/ventifs/default"),
                DataDirectories.defaultFor(false, Path.of("/home/ann")));
    }
}

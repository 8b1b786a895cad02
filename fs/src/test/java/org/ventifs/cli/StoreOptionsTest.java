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
import picocli.CommandLine.ParameterException;
import java.util.Map;
import org.ventifs.venti.local.LocalVenti;
import org.ventifs.venti.wire.VentiAddress;
import org.ventifs.venti.wire.VentiClient;
import org.ventifs.venti.wire.VentiServer;

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

    private static Probe parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe;
    }

    @Test
    void ventiOptionAndVariablePutTheStoreOnAVentiServer() throws IOException {
        try (LocalVenti served = LocalVenti.open(dir.resolve("served"));
             VentiServer server = VentiServer.start(served, VentiServer.Settings.defaults(
                     new VentiAddress("127.0.0.1", 0)))) {
            String address = server.address().toString();
            byte[] b = {4, 5, 6, 0, 0};
            Probe byOption = parse("--venti", address);
            try (BlockStore store = byOption.storeOptions.open()) {
                assertTrue(store instanceof VentiClient);
                assertEquals(Score.of(new byte[] {4, 5, 6}), store.write(BlockType.DATA, b));
            }
            Probe byVariable = parse();
            byVariable.storeOptions.environment = Map.of("venti", "127.0.0.1:" + server.address().port());
            assertEquals("venti server " + address, byVariable.storeOptions.describe(true));
            try (BlockStore store = byVariable.storeOptions.open()) {
                assertArrayEquals(b, store.read(Score.of(new byte[] {4, 5, 6}), BlockType.DATA, 5));
            }
            assertArrayEquals(new byte[] {4, 5, 6}, served.get(Score.of(new byte[] {4, 5, 6}), BlockType.DATA));
        }
    }

    @Test
    void storeOptionOutranksTheVariableAndServeIgnoresIt() {
        Probe withStore = parse("--store", dir.resolve("s").toString());
        withStore.storeOptions.environment = Map.of("venti", "tcp!elsewhere!17034");
        assertTrue(withStore.storeOptions.ventiAddress(true).isEmpty());
        Probe bare = parse();
        bare.storeOptions.environment = Map.of("venti", "tcp!elsewhere!17034");
        assertEquals("tcp!elsewhere!17034", bare.storeOptions.ventiAddress(true).orElseThrow().toString());
        assertTrue(bare.storeOptions.ventiAddress(false).isEmpty());
        bare.storeOptions.environment = Map.of("venti", " ");
        assertTrue(bare.storeOptions.ventiAddress(true).isEmpty(), "an empty variable names no server");
    }

    @Test
    void bothOrAMalformedAddressIsAUsageError() {
        Probe both = parse("--store", "x", "--venti", "tcp!h!1");
        assertThrows(ParameterException.class, both.storeOptions::open);
        Probe bad = parse("--venti", "udp!h!1");
        ParameterException e = assertThrows(ParameterException.class, bad.storeOptions::open);
        assertTrue(e.getMessage().contains("--venti"), e.getMessage());
    }
}

package org.ventifs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;
import org.ventifs.venti.local.LocalVenti;
import org.ventifs.venti.wire.VentiClient;

/** {@code ventifs venti serve} in a child JVM: it serves, and SIGTERM drains, syncs and exits 0. */
class VentiServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void sigtermFinishesInFlightWritesSyncsAndExitsZero() throws Exception {
        Path store = dir.resolve("store");
        Process server = new ProcessBuilder(javaCommand("venti", "serve", "--listen", "tcp!127.0.0.1!0",
                "--store", store.toString())).redirectError(dir.resolve("stderr").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String banner = out.readLine();
            assertNotNull(banner, "the server printed its address");
            String address = banner.substring(banner.lastIndexOf(' ') + 1);
            assertTrue(banner.contains(store.toString()), banner);

            List<byte[]> blocks = new ArrayList<>();
            List<CompletableFuture<Score>> written = new ArrayList<>();
            try (VentiClient client = VentiClient.connect(address)) {
                for (int i = 0; i < 500; i++) {
                    byte[] b = ("block " + i + " ").repeat(200).getBytes();
                    blocks.add(b);
                    written.add(client.putAsync(BlockType.DATA, b, 0, b.length));
                }
                for (CompletableFuture<Score> f : written) {
                    f.get(30, TimeUnit.SECONDS);
                }
                server.destroy(); // SIGTERM, with no Tsync sent
                assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server exits");
            }
            assertEquals(0, server.exitValue(), Files.readString(dir.resolve("stderr")));
            assertTrue(Files.readString(dir.resolve("stderr")).contains("stopped"));
            try (LocalVenti reopened = LocalVenti.open(store)) {
                for (byte[] b : blocks) {
                    assertArrayEquals(b, reopened.get(Score.of(b), BlockType.DATA));
                }
            }
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void refusesABadListenAddressAsUsage() {
        assertEquals(ExitCode.USAGE, Main.run("venti", "serve", "--listen", "udp!x!1", "--store", dir.toString()));
    }

    private static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}

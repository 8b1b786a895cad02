package org.ventifs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;
import org.ventifs.venti.local.LocalVenti;
import org.ventifs.venti.wire.VentiAddress;
import org.ventifs.venti.wire.VentiServer;

/** check, venti rebuild-index and bench venti, run as a user runs them. */
class StoreCommandsTest {
    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @TempDir
    Path dir;

    private Score[] fill(Path store, int blocks) throws IOException {
        Random rnd = new Random(1);
        Score[] scores = new Score[blocks];
        try (LocalVenti v = LocalVenti.open(store)) {
            for (int i = 0; i < blocks; i++) {
                byte[] b = new byte[3000];
                rnd.nextBytes(b);
                scores[i] = v.write(BlockType.DATA, b);
            }
        }
        return scores;
    }

    @Test
    void checkPassesASoundStoreAndNamesEachProblemOfADamagedOne() throws IOException {
        Path store = dir.resolve("venti");
        fill(store, 20);
        CommandRun ok = run("check", "--store", store.toString(), "--read-data");
        assertEquals(0, ok.code, ok.err);
        assertTrue(ok.out.contains("20 blocks") && ok.out.contains("no problems"), ok.out);
        assertEquals(0, run("check", "--data", dir.toString()).code, "--data DIR checks DIR/venti");

        Path arena = store.resolve("arenas/arena-00000000");
        try (FileChannel ch = FileChannel.open(arena, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x55, 0x55}), 100);
            ch.write(ByteBuffer.wrap(new byte[] {0x55, 0x55}), 10000);
        }
        CommandRun bad = run("check", "--store", store.toString(), "--read-data");
        assertEquals(1, bad.code);
        String[] lines = bad.out.strip().split("\n");
        assertEquals(2, lines.length, bad.out);
        for (String line : lines) {
            assertTrue(line.contains(arena.toString()), line);
        }
        assertTrue(bad.err.contains("2 problems"), bad.err);
        assertEquals(0, run("check", "--store", store.toString()).code, "without --read-data an open arena's bytes are not read");
    }

    @Test
    void checkRefusesTwoStoresAndReportsAMissingOne() {
        assertEquals(2, run("check", "--store", "a", "--data", "b").code);
        CommandRun missing = run("check", "--store", dir.resolve("none").toString());
        assertEquals(1, missing.code);
        assertTrue(missing.err.contains("no store in " + dir.resolve("none")), missing.err);
    }

    @Test
    void rebuildIndexBringsBackADeletedIndex() throws IOException {
        Path store = dir.resolve("s");
        Score[] scores = fill(store, 12);
        LocalVentiFiles.deleteIndex(store);
        assertEquals(1, run("check", "--store", store.toString()).code);
        CommandRun r = run("venti", "rebuild-index", "--store", store.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("12 blocks"), r.out);
        assertEquals(0, run("check", "--store", store.toString(), "--read-data").code);
        try (LocalVenti v = LocalVenti.open(store)) {
            for (Score s : scores) {
                assertEquals(s, Score.of(v.get(s, BlockType.DATA)));
            }
        }
        assertEquals(2, run("venti", "rebuild-index").code, "--store is required");
        LocalVentiFiles.deleteIndex(store);
        CommandRun repaired = run("check", "--store", store.toString(), "--repair");
        assertEquals(0, repaired.code, repaired.err);
        assertTrue(repaired.err.contains("rebuilt the index"), repaired.err);
    }

    @Test
    void rebuildIndexKeepsEveryGoodBlockOfADamagedArenaAndSaysSo() throws IOException {
        Path store = dir.resolve("s");
        Score[] scores = fill(store, 12);
        Path arena = store.resolve("arenas/arena-00000000");
        try (FileChannel ch = FileChannel.open(arena, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x55, 0x55}), 10000);
        }
        long size = Files.size(arena);
        CommandRun r = run("venti", "rebuild-index", "--store", store.toString());
        assertEquals(1, r.code, r.err);
        assertTrue(r.out.contains("11 blocks"), r.out);
        assertTrue(r.err.contains("damaged"), r.err);
        assertEquals(size, Files.size(arena), "nothing was cut");
        try (LocalVenti v = LocalVenti.open(store)) {
            int readable = 0;
            for (Score s : scores) {
                try {
                    assertEquals(s, Score.of(v.get(s, BlockType.DATA)));
                    readable++;
                } catch (IOException e) {
                    assertTrue(e.getMessage().contains(s.toString()), e.getMessage());
                }
            }
            assertEquals(11, readable);
        }
    }

    @Test
    void benchVentiPrintsEveryPhaseAsJson() {
        Path store = dir.resolve("bench");
        CommandRun r = run("bench", "venti", "--store", store.toString(), "--mib", "2", "--json");
        assertEquals(0, r.code, r.err);
        for (String phase : new String[] {"plain-file-write", "plain-file-read", "write-new", "write-dup",
                "read-in-write-order", "read-random", "read-in-write-order-2-threads"}) {
            assertTrue(r.out.contains("\"phase\": \"" + phase + "\""), phase + " in " + r.out);
        }
        assertTrue(r.out.contains("\"blockSize\": 57344"), r.out);
        assertFalse(Files.exists(store.resolve("bench-plain-file")), "the plain file is removed");
        assertEquals(0, run("check", "--store", store.toString(), "--read-data").code);
    }

    @Test
    void benchVentiMeasuresAServerAgainstTheInProcessStore() throws IOException {
        try (LocalVenti served = LocalVenti.open(dir.resolve("served"));
             VentiServer server = VentiServer.start(served,
                     VentiServer.Settings.defaults(new VentiAddress("127.0.0.1", 0)))) {
            CommandRun r = run("bench", "venti", "--venti", server.address().toString(), "--mib", "2", "--json");
            assertEquals(0, r.code, r.err);
            for (String phase : new String[] {"in-process-write-new", "venti-write-new-pipelined",
                    "venti-write-dup-pipelined", "venti-write-new-unpipelined", "venti-read-in-write-order"}) {
                assertTrue(r.out.contains("\"phase\": \"" + phase + "\""), phase + " in " + r.out);
            }
            assertTrue(r.out.contains("\"venti\": \"" + server.address() + "\""), r.out);
            assertTrue(r.out.contains("\"ratioToInProcess\""), r.out);
        }
        assertEquals(2, run("bench", "venti", "--venti", "udp!x!1").code);
        assertEquals(2, run("bench", "venti").code);
    }

    /** The store's documented layout, as a user sees it. */
    private static final class LocalVentiFiles {
        static void deleteIndex(Path store) throws IOException {
            try (var files = Files.walk(store.resolve("index"))) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}

package org.ventifs.venti.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.BlockTooLargeException;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.CorruptBlockException;
import org.ventifs.venti.NoSuchBlockException;
import org.ventifs.venti.Score;
import org.ventifs.venti.wire.VentiMessage.*;

/** The client against our server over loopback, and against scripted servers that misbehave. */
class VentiClientTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsBlocksWithZeroTruncationThroughTheServer() throws Exception {
        try (RunningServer s = RunningServer.start(dir); VentiClient c = VentiClient.connect(s.address().toString())) {
            assertEquals("04", c.version());
            byte[] leaf = Arrays.copyOf("a leaf with trailing zeros".getBytes(), 8192);
            Score score = c.write(BlockType.DATA, leaf);
            assertEquals(Score.of(leaf, 0, 26), score);
            assertArrayEquals(leaf, c.read(score, BlockType.DATA, 8192));
            assertEquals(26, s.store.get(score, BlockType.DATA).length, "the server keeps what it received");

            byte[] pointers = new byte[3 * Score.SIZE];
            score.copyTo(pointers, 0);
            Score.ZERO.copyTo(pointers, 20);
            Score.ZERO.copyTo(pointers, 40);
            Score p = c.write(BlockType.DATA_POINTER_1, pointers);
            assertArrayEquals(pointers, c.read(p, BlockType.DATA_POINTER_1, 60));
            assertEquals(Score.ZERO, c.write(BlockType.DATA, new byte[8192]), "all zeros is the zero score");

            byte[] root = new byte[300];
            root[299] = 1;
            Score r = c.put(BlockType.ROOT, root, 0, 300);
            assertArrayEquals(root, c.get(r, BlockType.ROOT));
            c.sync();
            c.ping();
        }
    }

    @Test
    void mapsServerErrorsToTheStoreExceptions() throws Exception {
        try (RunningServer s = RunningServer.start(dir); VentiClient c = VentiClient.connect(s.address().toString())) {
            Score absent = Score.of("never written".getBytes());
            NoSuchBlockException e = assertThrows(NoSuchBlockException.class, () -> c.get(absent, BlockType.DATA));
            assertEquals("no block with score " + absent + "/13 exists", e.getMessage());
            Score dirBlock = c.put(BlockType.DIR, "entries".getBytes(), 0, 7);
            assertThrows(NoSuchBlockException.class, () -> c.get(dirBlock, BlockType.DATA));
            assertThrows(BlockTooLargeException.class,
                    () -> c.put(BlockType.DATA, new byte[BlockStore.MAX_BLOCK_SIZE + 1], 0, BlockStore.MAX_BLOCK_SIZE + 1));
            c.ping();
        }
    }

    @Test
    void answersZeroScoreReadsWithoutTheServer() throws Exception {
        RunningServer s = RunningServer.start(dir);
        try (VentiClient c = VentiClient.connect(s.address().toString())) {
            s.close();
            assertArrayEquals(new byte[0], c.get(Score.ZERO, BlockType.DATA));
            assertArrayEquals(new byte[8192], c.read(Score.ZERO, BlockType.DATA, 8192));
            assertEquals(Score.ZERO, c.put(BlockType.DATA, new byte[0], 0, 0));
        }
    }

    @Test
    void pipelinesManyWritesAndReadsThemBack() throws Exception {
        try (RunningServer s = RunningServer.start(dir); VentiClient c = VentiClient.connect(s.address().toString())) {
            Random rnd = new Random(1);
            List<byte[]> blocks = new ArrayList<>();
            List<CompletableFuture<Score>> scores = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                byte[] b = new byte[1 + rnd.nextInt(8192)];
                rnd.nextBytes(b);
                blocks.add(b);
                scores.add(c.putAsync(BlockType.DATA, b, 0, b.length));
            }
            for (int i = 0; i < blocks.size(); i++) {
                Score score = scores.get(i).get();
                assertEquals(Score.of(blocks.get(i)), score);
                assertArrayEquals(blocks.get(i), c.get(score, BlockType.DATA));
            }
        }
    }

    @Test
    void speaksVersion02ToAnOldServer() throws Exception {
        try (ScriptedServer old = new ScriptedServer("02", (m, n) -> new Rping(m.tag()));
             VentiClient c = VentiClient.connect(old.address(), Duration.ofSeconds(10))) {
            assertEquals("02", c.version());
            c.ping();
        }
    }

    @Test
    void failsLoudlyWhenTheServerLiesAboutScoresOrBytes() throws Exception {
        Score bogus = Score.of("something else".getBytes());
        try (ScriptedServer liar = new ScriptedServer("04:02", (m, n) ->
                m instanceof Twrite ? new Rwrite(m.tag(), bogus) : new Rread(m.tag(), "wrong bytes".getBytes()));
             VentiClient c = VentiClient.connect(liar.address(), Duration.ofSeconds(10))) {
            CorruptBlockException w = assertThrows(CorruptBlockException.class,
                    () -> c.put(BlockType.DATA, "data".getBytes(), 0, 4));
            assertTrue(w.getMessage().contains("returned score " + bogus), w.getMessage());
            CorruptBlockException r = assertThrows(CorruptBlockException.class,
                    () -> c.get(Score.of("data".getBytes()), BlockType.DATA));
            assertTrue(r.getMessage().contains("do not hash to its score"), r.getMessage());
        }
    }

    @Test
    void turnsADroppedConnectionIntoAClearErrorAndReconnects() throws Exception {
        try (ScriptedServer flaky = new ScriptedServer("04:02",
                (m, connection) -> connection == 1 ? ScriptedServer.HANG_UP : new Rping(m.tag()));
             VentiClient c = VentiClient.connect(flaky.address(), Duration.ofSeconds(10))) {
            List<CompletableFuture<Score>> inFlight = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                inFlight.add(c.putAsync(BlockType.DATA, new byte[] {(byte) (i + 1)}, 0, 1));
            }
            for (CompletableFuture<Score> f : inFlight) {
                Exception e = assertThrows(Exception.class, f::get);
                assertTrue(e.getCause().getMessage().contains("venti server " + flaky.address()), e.getMessage());
            }
            c.ping();
            assertEquals(2, flaky.accepted(), "the next call reconnected");
        }
    }

    @Test
    void refusesRepliesOfTheWrongKindOrWithAStrayTag() throws Exception {
        try (ScriptedServer confused = new ScriptedServer("04", (m, n) ->
                m instanceof Tsync ? new Rping(m.tag()) : new Rping((m.tag() + 1) % 256));
             VentiClient c = VentiClient.connect(confused.address(), Duration.ofSeconds(10))) {
            IOException wrongKind = assertThrows(IOException.class, c::sync);
            assertTrue(wrongKind.getMessage().contains("where Rsync was due"), wrongKind.getMessage());
            IOException stray = assertThrows(IOException.class, c::ping);
            assertTrue(stray.getMessage().contains("which no request holds"), stray.getMessage());
        }
    }

    @Test
    void neverWaitsForeverOnASilentServer() throws Exception {
        try (ScriptedServer silent = new ScriptedServer("04", (m, n) -> n == 1 ? null : new Rping(m.tag()));
             VentiClient c = VentiClient.connect(silent.address(), Duration.ofMillis(500))) {
            IOException e = assertThrows(IOException.class, c::sync);
            assertTrue(e.getMessage().contains("did not answer within"), e.getMessage());
            c.ping();
        }
    }

    @Test
    void saysClearlyWhenNoServerIsThere() throws Exception {
        VentiAddress nobody;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            nobody = new VentiAddress("127.0.0.1", probe.getLocalPort());
        }
        IOException e = assertThrows(IOException.class, () -> VentiClient.connect(nobody.toString()));
        assertTrue(e.getMessage().contains("venti server " + nobody), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VentiClient.connect("udp!x!1"));
    }
}

package org.ventifs.venti.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;
import org.ventifs.venti.wire.VentiMessage.*;

/** Conversations with the server in raw bytes: what the protocol asks, and what hostile peers send. */
class VentiServerTest {
    @TempDir
    Path dir;

    @Test
    void servesBothVersionsWritesReadsSyncsAndPings() throws Exception {
        try (RunningServer s = RunningServer.start(dir)) {
            for (Framing version : Framing.values()) {
                try (RawPeer p = RawPeer.session(s.address(), version)) {
                    byte[] data = ("block over version " + version.version()).getBytes();
                    p.send(new Twrite(7, BlockType.DATA, data));
                    assertEquals(new Rwrite(7, Score.of(data)), p.receive());
                    p.send(new Tread(8, Score.of(data), BlockType.DATA, BlockStore.MAX_BLOCK_SIZE));
                    assertEquals(new Rread(8, data), p.receive());
                    p.send(new Tsync(9));
                    assertEquals(new Rsync(9), p.receive());
                    p.send(new Tping(10));
                    assertEquals(new Rping(10), p.receive());
                }
            }
        }
    }

    @Test
    void storesExactlyTheBytesReceivedWithoutTruncating() throws Exception {
        try (RunningServer s = RunningServer.start(dir); RawPeer p = RawPeer.session(s.address(), Framing.V04)) {
            byte[] trailingZeros = {1, 2, 0, 0};
            p.send(new Twrite(1, BlockType.DATA, trailingZeros));
            assertEquals(new Rwrite(1, Score.of(trailingZeros)), p.receive());
            assertArrayEquals(trailingZeros, s.store.get(Score.of(trailingZeros), BlockType.DATA));
            p.send(new Twrite(2, BlockType.DATA, new byte[0]));
            assertEquals(new Rwrite(2, Score.ZERO), p.receive(), "empty data is the zero score");
        }
    }

    @Test
    void answersTheRequestsItCannotServeWithRerrorAndGoesOn() throws Exception {
        try (RunningServer s = RunningServer.start(dir); RawPeer p = RawPeer.session(s.address(), Framing.V02)) {
            Score absent = Score.of("absent".getBytes());
            p.send(new Tread(1, absent, BlockType.DATA, 100));
            assertEquals(new Rerror(1, "no block with score " + absent + "/13 exists"), p.receive());
            byte[] dir = "dir block".getBytes();
            p.send(new Twrite(2, BlockType.DIR, dir));
            p.receive();
            p.send(new Tread(3, Score.of(dir), BlockType.DATA, 100));
            assertEquals(new Rerror(3, "no block with score " + Score.of(dir) + "/13 exists"), p.receive(),
                    "a read with the wrong type fails");
            p.send(new Tread(4, Score.of(dir), BlockType.DIR, 3));
            assertTrue(((Rerror) p.receive()).error().contains("more than the 3 asked for"));
            p.send(new Twrite(5, BlockType.DATA, new byte[BlockStore.MAX_BLOCK_SIZE + 1]));
            assertTrue(((Rerror) p.receive()).error().startsWith("lump too large"));
            p.send(Thello.plain("02", "again"));
            assertEquals(new Rerror(0, "Thello was already received on this connection"), p.receive());
            p.sendBody(new byte[] {18, 6});
            assertEquals(new Rerror(6, "unknown message type 18"), p.receive());
            p.sendBody(new byte[] {8, 7});
            assertTrue(((Rerror) p.receive()).error().contains("Tauth0 is not supported"));
            p.send(new Rping(8));
            assertEquals(new Rerror(8, "Rping is not a request"), p.receive());
            p.sendBody(new byte[] {12, 9, 1, 2});
            assertTrue(((Rerror) p.receive()).error().startsWith("malformed Tread"));
            p.sendBody(new byte[] {14, 10, 0, 0, 0, 0, 1});
            assertTrue(((Rerror) p.receive()).error().contains("wire number 0"));
            p.send(new Twrite(11, BlockType.DATA, BlockStore.MAX_BLOCK_SIZE == 57344 ? new byte[57344] : null));
            assertEquals(11, ((Rwrite) p.receive()).tag(), "the largest block is accepted");
            p.send(new Tping(12));
            assertEquals(new Rping(12), p.receive());
        }
    }

    @Test
    void answersEveryPipelinedRequestWithItsTag() throws Exception {
        try (RunningServer s = RunningServer.start(dir); RawPeer p = RawPeer.session(s.address(), Framing.V04)) {
            Map<Integer, byte[]> sent = new HashMap<>();
            for (int tag = 0; tag < 256; tag++) {
                byte[] data = ("pipelined " + tag).getBytes();
                sent.put(tag, data);
                p.send(new Twrite(tag, BlockType.DATA, data));
            }
            for (int i = 0; i < 256; i++) {
                Rwrite r = (Rwrite) p.receive();
                assertEquals(Score.of(sent.remove(r.tag())), r.score());
            }
            assertTrue(sent.isEmpty());
        }
    }

    @Test
    void closesOnABadHandshakeWithALogLine() throws Exception {
        try (RunningServer s = RunningServer.start(dir)) {
            try (RawPeer p = new RawPeer(s.address())) {
                p.line("GET / HTTP/1.0");
                assertTrue(p.closedByServer());
            }
            assertNotNull(s.awaitLog("does not begin with \"venti-\""));
            try (RawPeer p = new RawPeer(s.address())) {
                p.raw("venti-".getBytes());
                p.raw(new byte[5000]);
                assertTrue(p.closedByServer());
            }
            assertNotNull(s.awaitLog("byte 0x0"));
            try (RawPeer p = new RawPeer(s.address())) {
                p.raw(("venti-02-" + "x".repeat(3000)).getBytes());
                assertTrue(p.closedByServer());
            }
            assertNotNull(s.awaitLog("1024 bytes or longer"));
            try (RawPeer p = new RawPeer(s.address())) {
                p.line("venti-03:05-future");
                assertTrue(p.closedByServer());
            }
            assertNotNull(s.awaitLog("offers no version we speak"));
        }
    }

    @Test
    void refusesASessionThatDoesNotStartWithAProperThello() throws Exception {
        try (RunningServer s = RunningServer.start(dir)) {
            List<VentiMessage> firsts = List.of(new Tping(0), Thello.plain("02", "wrong version"),
                    new Thello(5, "04", "anonymous", 0, new byte[0], new byte[0]));
            for (VentiMessage first : firsts) {
                try (RawPeer p = new RawPeer(s.address())) {
                    p.line("venti-04-test");
                    p.readLine();
                    p.send(first);
                    assertTrue(p.receive() instanceof Rerror, "refused with Rerror: " + first);
                    assertTrue(p.closedByServer());
                }
            }
            assertNotNull(s.awaitLog("the handshake chose 04"));
        }
    }

    @Test
    void closesOnALengthBeyondTheMaximumOrATruncatedFrame() throws Exception {
        try (RunningServer s = RunningServer.start(dir)) {
            try (RawPeer p = RawPeer.session(s.address(), Framing.V04)) {
                p.raw(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 14, 1});
                assertTrue(p.closedByServer());
            }
            assertNotNull(s.awaitLog("more than the protocol's maximum"));
            try (RawPeer p = RawPeer.session(s.address(), Framing.V02)) {
                p.raw(new byte[] {0x10, 0, 14, 1, 13, 0, 0, 0, 1, 2, 3});
                p.socket.shutdownOutput();
                assertTrue(p.closedByServer());
            }
            assertNotNull(s.awaitLog("truncated frame"));
            try (RawPeer p = RawPeer.session(s.address(), Framing.V02)) {
                p.raw(new byte[] {0, 1, 2});
                assertTrue(p.closedByServer(), "a body too short for a tag cannot be answered");
            }
            assertNotNull(s.awaitLog("at least a type and a tag"));
        }
    }

    @Test
    void closesIdleConnectionsAndTgoodbye() throws Exception {
        try (RunningServer s = RunningServer.start(dir)) {
            try (RawPeer silent = new RawPeer(s.address()); RawPeer quiet = RawPeer.session(s.address(), Framing.V04)) {
                assertTrue(silent.closedByServer());
                assertTrue(quiet.closedByServer());
            }
            assertNotNull(s.awaitLog("timed out waiting for the version line"));
            assertNotNull(s.awaitLog("timed out waiting for a request"));
            try (RawPeer p = RawPeer.session(s.address(), Framing.V04)) {
                p.send(new Tgoodbye(0));
                assertTrue(p.closedByServer());
            }
            assertTrue(s.awaitOpenConnections(0));
        }
    }

    @Test
    void cutsAClientThatStopsReadingItsReplies() throws Exception {
        try (RunningServer s = RunningServer.start(dir); RawPeer p = RawPeer.session(s.address(), Framing.V04)) {
            byte[] big = new byte[BlockStore.MAX_BLOCK_SIZE];
            Arrays.fill(big, (byte) 7);
            p.send(new Twrite(0, BlockType.DATA, big));
            p.receive();
            for (int i = 0; i < 2000; i++) {
                p.send(new Tread(i % 256, Score.of(big), BlockType.DATA, big.length));
            }
            assertNotNull(s.awaitLog("stopped reading its replies"));
            assertTrue(s.awaitOpenConnections(0));
        }
    }

    @Test
    void refusesConnectionsBeyondItsBoundAndServesTheRest() throws Exception {
        try (RunningServer s = RunningServer.start(dir, settings -> settings.withMaxConnections(3))) {
            List<RawPeer> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(RawPeer.session(s.address(), Framing.V04));
            }
            try (RawPeer extra = new RawPeer(s.address())) {
                assertTrue(extra.closedByServer());
            }
            assertEquals(1, s.server.refusedConnections());
            assertNotNull(s.awaitLog("3 connections are already open"));
            held.get(0).send(new Tping(1));
            assertEquals(new Rping(1), held.get(0).receive());
            held.remove(0).close();
            assertTrue(s.awaitOpenConnections(2));
            try (RawPeer again = RawPeer.session(s.address(), Framing.V02)) {
                again.send(new Tping(2));
                assertEquals(new Rping(2), again.receive());
            }
            for (RawPeer p : held) {
                p.close();
            }
        }
    }

    @Test
    void closeAnswersWhatWasReceivedThenStops() throws Exception {
        RunningServer s = RunningServer.start(dir);
        try (RawPeer p = RawPeer.session(s.address(), Framing.V04)) {
            for (int tag = 0; tag < 50; tag++) {
                p.send(new Twrite(tag, BlockType.DATA, ("drained " + tag).getBytes()));
            }
            p.send(new Tsync(50));
            java.util.Set<Integer> tags = new java.util.HashSet<>();
            for (int tag = 0; tag < 50; tag++) {
                tags.add(((Rwrite) p.receive()).tag());
            }
            assertEquals(50, tags.size(), "every write answered once, in any order");
            p.send(new Tping(51));
            s.server.close();
            assertEquals(java.util.Set.of(new Rsync(50), new Rping(51)), java.util.Set.of(p.receive(), p.receive()));
            assertTrue(p.closedByServer());
            assertThrows(IOException.class, () -> new RawPeer(s.address()).readLine(), "no longer accepting");
        } finally {
            s.close();
        }
    }
}

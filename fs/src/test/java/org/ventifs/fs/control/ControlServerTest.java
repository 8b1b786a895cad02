package org.ventifs.fs.control;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.cache.Cache;
import org.ventifs.fs.DataDirectory;
import org.ventifs.snapshot.DumpRecord;
import org.ventifs.snapshot.Snapshotter;

/** The control socket over a real data directory and snapshotter. */
class ControlServerTest {
    @TempDir
    Path dir;
    DataDirectory data;
    Snapshotter snapshotter;
    ControlServer server;
    ControlClient client;

    @BeforeEach
    void start() throws IOException {
        data = DataDirectory.openOrFormat(dir, 1000, 1000);
        snapshotter = new Snapshotter(data.cache(), data.store(), data.catalog(), Clock.systemDefaultZone());
        server = ControlServer.start(dir.resolve(ControlClient.SOCKET_NAME), snapshotter);
        client = ControlClient.of(server.path());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        snapshotter.close();
        data.close();
    }

    @Test
    void theSocketIsPrivateAndAnswersSnapAndStatus() throws IOException {
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(server.path()));
        try (var listing = Files.list(dir)) {
            assertTrue(listing.noneMatch(p -> p.getFileName().toString().startsWith(".control-")), "no staging folder left");
        }
        assertTrue(client.status().startsWith("running=false dump=- files=0"), client.status());
        String reply = client.snap();
        DumpRecord listed = data.catalog().newest();
        assertEquals(listed.name() + " vac:" + listed.root(), reply);
        assertTrue(client.status().contains("dump=" + listed.name()), client.status());
        assertTrue(client.status().matches(".* changes_ms=\\d+ content_ms=\\d+ directories_ms=\\d+ sync_ms=\\d+ list_ms=\\d+ retire_ms=\\d+"), client.status());
        String frozen = client.snapNoWait();
        assertTrue(frozen.matches("[0-9]{4}/[0-9]{4}\\.1 frozen"), frozen);
    }

    @Test
    void historyListsDistinctVersionsOnly() throws IOException {
        Cache c = data.cache();
        long docs = c.mkdir(Cache.ROOT, "docs", 0755, 1000, 1000).ino();
        long f = c.create(docs, "f", 0644, 1000, 1000).ino();
        c.write(f, 0, new byte[] {1}, 0, 1);
        client.snap();
        client.snap(); // unchanged
        c.write(f, 1, new byte[] {2}, 0, 1);
        client.snap();
        c.unlink(docs, "f");
        client.snap();
        List<HistoryLine> versions = client.history("docs/f");
        List<DumpRecord> dumps = data.catalog().list();
        assertEquals(List.of(dumps.get(0).name(), dumps.get(2).name()), versions.stream().map(HistoryLine::dump).toList());
        assertEquals(List.of(1L, 2L), versions.stream().map(HistoryLine::size).toList());
        assertEquals(List.of(), client.history("docs/none"));
        assertEquals(List.of(), client.history("docs/f/under-a-file"));
    }

    @Test
    void unknownRequestsGetAnError() throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(server.path()));
            ch.write(StandardCharsets.UTF_8.encode("format everything\n"));
            ByteBuffer in = ByteBuffer.allocate(200);
            while (ch.read(in) >= 0) {
                // until the server closes
            }
            assertTrue(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8).startsWith("error unknown request"));
        }
    }

    @Test
    void aLiveSocketIsKeptAndAStaleOneReplaced() throws IOException {
        IOException live = assertThrows(IOException.class, () -> ControlServer.start(server.path(), snapshotter));
        assertTrue(live.getMessage().contains("another ventifs daemon"), live.getMessage());
        Path stale = dir.resolve("stale.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(stale));
        }
        assertTrue(Files.exists(stale), "a killed daemon leaves its socket behind");
        try (ControlServer again = ControlServer.start(stale, snapshotter)) {
            assertTrue(ControlClient.of(stale).status().startsWith("running="));
        }
        assertFalse(Files.exists(stale));
    }

    @Test
    void aDaemonThatIsGoneIsNamedInTheError() throws IOException {
        server.close();
        IOException e = assertThrows(IOException.class, () -> client.status());
        assertTrue(e.getMessage().contains(server.path().toString()), e.getMessage());
    }
}

package org.ventifs.venti.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;
import org.ventifs.venti.local.LocalVentiConfig;
import org.ventifs.venti.wire.VentiMessage.Rping;
import org.ventifs.venti.wire.VentiMessage.Tping;

/**
 * Throws tens of thousands of random and malformed messages and connection patterns at
 * the server from several threads while a well-formed client keeps working, then checks
 * that the client was always served correctly, every hostile connection ended, and the
 * heap did not grow.
 */
class VentiServerFuzzTest {
    private static final int FUZZERS = 4;
    private static final int MESSAGES_EACH = 3000;

    @TempDir
    Path dir;

    @Test
    void hostileTrafficNeverHurtsTheServerOrOtherClients() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (RunningServer s = RunningServer.start(dir, LocalVentiConfig.DEFAULT.withCacheBytes(1 << 20),
                settings -> settings.withIdleTimeout(Duration.ofSeconds(2)))) {
            long heapBefore = usedHeapAfterGc(memory);
            AtomicLong messages = new AtomicLong();
            AtomicBoolean fuzzing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(FUZZERS + 1);
            Future<Integer> good = pool.submit(() -> wellFormedClient(s.address(), fuzzing));
            List<Future<?>> fuzzers = new ArrayList<>();
            for (int f = 0; f < FUZZERS; f++) {
                long seed = 1000 + f;
                fuzzers.add(pool.submit(() -> {
                    fuzz(s.address(), new Random(seed), messages);
                    return null;
                }));
            }
            for (Future<?> f : fuzzers) {
                try {
                    f.get();
                } catch (Exception e) {
                    java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
                    s.log.forEach(l -> kinds.merge(l.replaceAll("[0-9]+", "N").replaceAll("\\[.*", ""), 1L, Long::sum));
                    kinds.forEach((k, v) -> System.out.println(v + " " + k));
                    throw e;
                }
            }
            fuzzing.set(false);
            int goodRounds = good.get();
            pool.shutdown();

            assertTrue(messages.get() >= 10_000, "messages sent: " + messages.get());
            assertTrue(goodRounds > 0);
            assertTrue(s.awaitOpenConnections(0), "open connections: " + s.server.openConnections());
            try (VentiClient after = VentiClient.connect(s.address().toString())) {
                byte[] b = "still served".getBytes();
                assertArrayEquals(b, after.get(after.put(BlockType.DATA, b, 0, b.length), BlockType.DATA));
            }
            long growth = usedHeapAfterGc(memory) - heapBefore;
            System.out.printf("{\"fuzzMessages\": %d, \"goodClientRounds\": %d, \"heapGrowthBytes\": %d}%n",
                    messages.get(), goodRounds, growth);
            assertTrue(growth < 32L << 20, "heap grew by " + growth + " bytes");
        }
    }

    /** Writes and reads back blocks until the fuzzers stop; returns how many rounds it did. */
    private static int wellFormedClient(VentiAddress address, AtomicBoolean fuzzing) throws IOException {
        int rounds = 0;
        try (VentiClient c = VentiClient.connect(address.toString())) {
            while (fuzzing.get() || rounds == 0) {
                byte[] b = ("round " + rounds).repeat(100).getBytes();
                Score score = c.put(BlockType.DATA, b, 0, b.length);
                assertArrayEquals(b, c.get(score, BlockType.DATA));
                rounds++;
            }
        }
        return rounds;
    }

    private static void fuzz(VentiAddress address, Random rnd, AtomicLong messages) throws IOException {
        long sent = 0;
        while (sent < MESSAGES_EACH) {
            int pattern = rnd.nextInt(10);
            if (pattern == 0) {
                sent += garbageHandshake(address, rnd);
            } else if (pattern == 1) {
                sent += badFrame(address, rnd);
            } else if (pattern == 2) {
                new RawPeer(address).close(); // connect and leave without a word
                sent++;
            } else {
                sent += session(address, rnd);
            }
        }
        messages.addAndGet(sent);
    }

    /** A connection whose version line is random bytes, or a good line cut short; then hang up. */
    private static int garbageHandshake(VentiAddress address, Random rnd) throws IOException {
        try (RawPeer p = new RawPeer(address)) {
            byte[] junk = new byte[rnd.nextInt(2048)];
            rnd.nextBytes(junk);
            if (rnd.nextBoolean()) {
                byte[] start = "venti-04:02-".getBytes();
                System.arraycopy(start, 0, junk, 0, Math.min(start.length, junk.length));
            }
            p.raw(junk);
            if (rnd.nextBoolean()) {
                p.closedByServer();
            }
        } catch (IOException e) {
            // the server may close on us mid-write: that is the point
        }
        return 1;
    }

    /** A session that sends a frame the server cannot answer: too long, too short for a tag, or cut off. */
    private static int badFrame(VentiAddress address, Random rnd) throws IOException {
        try (RawPeer p = RawPeer.session(address, rnd.nextBoolean() ? Framing.V02 : Framing.V04)) {
            switch (rnd.nextInt(3)) {
                case 0 -> p.raw(p.framing == Framing.V04 ? new byte[] {(byte) rnd.nextInt(256), 1, 0, 0, 14}
                        : new byte[] {0, 1, 2});
                case 1 -> p.sendBody(new byte[rnd.nextInt(2)]);
                default -> {
                    p.raw(new byte[] {0, 0, 0x40, 0, 14, 1});
                    p.socket.shutdownOutput();
                }
            }
            assertTrue(p.closedByServer(), "the server hangs up on a frame it cannot answer");
        }
        return 1;
    }

    /** A good session that sends random and mutated messages, then checks it is still answered. */
    private static int session(VentiAddress address, Random rnd) throws IOException {
        try (RawPeer p = RawPeer.session(address, rnd.nextBoolean() ? Framing.V02 : Framing.V04)) {
            int n = 1 + rnd.nextInt(60);
            for (int i = 0; i < n; i++) {
                p.sendBody(randomBody(rnd));
            }
            int marker = rnd.nextInt(256);
            p.send(new Tping(marker));
            while (true) {
                VentiMessage reply = p.receive();
                if (reply instanceof Rping && reply.tag() == marker) {
                    return n + 1;
                }
            }
        }
    }

    /** A body of at least two bytes: random bytes, or a valid message mutated, cut or extended. */
    private static byte[] randomBody(Random rnd) {
        byte[] body;
        if (rnd.nextInt(3) == 0) {
            body = new byte[2 + rnd.nextInt(rnd.nextInt(10) == 0 ? 60000 : 64)];
            rnd.nextBytes(body);
            body[0] = (byte) rnd.nextInt(24);
        } else {
            body = mutated(VentiMessageTest.randomMessage(rnd).encode(), rnd);
        }
        if (body[0] == VentiMessage.TGOODBYE) {
            body[0] = VentiMessage.TPING; // goodbye would end the session before the marker
        }
        return body;
    }

    private static byte[] mutated(byte[] body, Random rnd) {
        switch (rnd.nextInt(4)) {
            case 0 -> body[rnd.nextInt(body.length)] = (byte) rnd.nextInt(256);
            case 1 -> body = java.util.Arrays.copyOf(body, 2 + rnd.nextInt(body.length - 1));
            case 2 -> body = java.util.Arrays.copyOf(body, Math.min(body.length + 1 + rnd.nextInt(8), Framing.MAX_MESSAGE));
            default -> { }
        }
        return body;
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}

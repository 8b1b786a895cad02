package org.ventifs.snapshot;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.cache.Cache;
import org.ventifs.cache.ErrnoException;
import org.ventifs.vac.VacTree;

/**
 * SIGKILL at random points of a write-and-snapshot workload ({@link CrashWorkload}),
 * 30 times: after each restart every listed dump reads back whole, every fsync'd change is
 * in the active tree, and every dump's files hold contents the workload really wrote.
 */
class SnapshotCrashTest {
    static final int KILLS = 30;

    @TempDir
    Path dir;

    /** By file name: the contents the active tree may hold now. */
    private final Map<String, Set<String>> allowed = new HashMap<>();
    /** By file name: every content the file ever had. */
    private final Map<String, Set<String>> history = new HashMap<>();

    @Test
    void killedSnapshotsLeaveNoTraceOrAWholeDump() throws Exception {
        Random random = new Random(42);
        int dumpsSeen = 0;
        int interrupted = 0;
        for (int round = 0; round < KILLS; round++) {
            List<String> lines = runAndKill(round, 100 + random.nextInt(700));
            for (String line : lines) {
                assertFalse(line.startsWith("CORRUPT"), "round " + round + ": " + line);
            }
            apply(lines);
            try (DataDir data = DataDir.open(dir, Clock.systemUTC())) {
                if (data.catalog.interruptedArchive().isPresent()) {
                    interrupted++;
                }
                Set<String> names = new HashSet<>();
                for (DumpRecord d : data.catalog.list()) {
                    assertTrue(names.add(d.name()), "dump names are unique");
                    assertEquals(d.name(), VacTree.open(data.store, d.root()).root().name());
                    for (Map.Entry<String, String> f : DumpVerifier.verify(data.store, d.root()).entrySet()) {
                        String name = f.getKey().substring(1);
                        assertTrue(history.getOrDefault(name, Set.of()).contains(f.getValue()),
                                "dump " + d.name() + " holds a version of " + name + " that was never written");
                    }
                }
                assertTrue(data.catalog.list().size() >= dumpsSeen, "no listed dump ever disappears");
                dumpsSeen = data.catalog.list().size();
                for (String name : CrashWorkload.FILES) {
                    String now = contentOrNull(data.cache, name);
                    Set<String> ok = allowed.get(name);
                    if (ok == null) {
                        continue;
                    }
                    if (!ok.contains(now)) {
                        fail("round " + round + ": " + name + " lost an fsync'd change: it holds "
                            + now + (history.get(name).contains(now) ? ", an older version" : ", never written")
                            + " (" + difference(data.cache, name) + ")"
                            + ", not one of " + ok + "; its last changes " + lastChanges(lines, name));
                    }
                    allowed.put(name, new HashSet<>(Set.of(now)));
                }
            }
        }
        assertTrue(dumpsSeen >= 10, "the workload took snapshots: " + dumpsSeen);
        System.out.println("crash test: " + KILLS + " kills, " + dumpsSeen + " dumps, " + interrupted
                + " archives interrupted");
    }

    private static List<String> lastChanges(List<String> lines, String name) {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("P " + name + " ")) {
                mine.add(lines.get(i).substring(2) + (i + 1 < lines.size() && lines.get(i + 1).equals("D") ? " D" : ""));
            }
        }
        return mine.subList(Math.max(0, mine.size() - 5), mine.size());
    }

    /** Where the active content of {@code name} differs from the last content the workload saw fsync'd. */
    private String difference(Cache cache, String name) throws IOException {
        byte[] want = java.nio.file.Files.readAllBytes(dir.resolve("expected-" + name));
        byte[] have = CrashWorkload.read(cache, cache.lookup(Cache.ROOT, name).ino());
        StringBuilder b = new StringBuilder("length " + have.length + " want " + want.length + "; blocks differing:");
        for (int blk = 0; blk * DataDir.BLOCK_SIZE < Math.max(want.length, have.length); blk++) {
            int from = blk * DataDir.BLOCK_SIZE;
            byte[] w = java.util.Arrays.copyOfRange(want, Math.min(from, want.length), Math.min(from + DataDir.BLOCK_SIZE, want.length));
            byte[] h = java.util.Arrays.copyOfRange(have, Math.min(from, have.length), Math.min(from + DataDir.BLOCK_SIZE, have.length));
            int m = java.util.Arrays.mismatch(w, h);
            if (m >= 0) {
                boolean zeros = true;
                for (byte x : h) {
                    zeros &= x == 0;
                }
                b.append(' ').append(blk).append('@').append(m).append(zeros ? "(zeros)" : "");
            }
        }
        return b.toString();
    }

    private static String contentOrNull(Cache cache, String name) throws IOException {
        try {
            return TreeImage.sha1(CrashWorkload.read(cache, cache.lookup(Cache.ROOT, name).ino()));
        } catch (ErrnoException e) {
            return null;
        }
    }

    /** Replays the child's P/D lines: a D makes the last P's content the only one allowed. */
    private void apply(List<String> lines) {
        String pendingName = null;
        String pendingContent = null;
        for (String line : lines) {
            if (line.startsWith("P ")) {
                String[] f = line.split(" ");
                pendingName = f[1];
                pendingContent = f[2];
                history.computeIfAbsent(pendingName, k -> new HashSet<>()).add(pendingContent);
            } else if (line.equals("D") && pendingName != null) {
                allowed.put(pendingName, new HashSet<>(Set.of(pendingContent)));
                pendingName = null;
            }
        }
        if (pendingName != null) { // killed between the change and its fsync: either version may be there
            allowed.computeIfAbsent(pendingName, k -> new HashSet<>()).add(pendingContent);
        }
    }

    private List<String> runAndKill(int seed, long millis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashWorkload.class.getName(), dir.toString(),
                Integer.toString(seed));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process child = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch opened = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("open")) {
                        opened.countDown();
                    } else {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the pipe breaks when the child dies; what was read is what counts
            }
        });
        reader.start();
        assertTrue(opened.await(60, TimeUnit.SECONDS), "the workload opened its data directory");
        Thread.sleep(millis);
        child.toHandle().destroyForcibly(); // SIGKILL; Process.destroyForcibly would also close the pipe and lose unread lines
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        reader.join(30_000);
        assertNotEquals(0, child.exitValue(), "the workload was killed, not finished");
        return new ArrayList<>(lines);
    }
}

package org.ventifs.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.local.LocalVenti;

/**
 * Kills a child JVM running random operations with SIGKILL at random moments, at least 50
 * times, reopening the same cache each time: it must open with no repair step, pass the
 * consistency check, and equal the model after some number of operations no smaller than
 * the last one the child reported synced (each operation is atomic, every fsync is durable).
 */
class CrashTest {
    private static final int KILLS = Integer.getInteger("cache.crash.kills", 50);

    @TempDir
    Path tmp;

    @Test
    void survivesKillsAtRandomMoments() throws Exception {
        killRepeatedly(KILLS, null);
    }

    /** The same with snapshots in the child: data retired into Venti must read back after every kill. */
    @Test
    void survivesKillsWhileSnapshotsMoveDataToVenti() throws Exception {
        killRepeatedly(Math.max(5, KILLS / 5), tmp.resolve("venti"));
    }

    private void killRepeatedly(int kills, Path ventiDir) throws Exception {
        Path dir = tmp.resolve("cache");
        Cache.format(dir, 64 << 20, 512, 0, 0);
        long rootCtime;
        try (Cache cache = Cache.open(dir, null)) {
            rootCtime = cache.getattr(Cache.ROOT).ctimeNs();
        }
        long base = new Random().nextInt(1 << 30);
        Random timing = new Random(base);
        StringBuilder history = new StringBuilder();
        int killedMidway = 0;
        long totalSynced = 0;
        long totalApplied = 0;
        for (int round = 0; round < kills; round++) {
            long seed = base + round;
            List<String> lines = runAndKill(dir, ventiDir, rootCtime, history.toString(), seed, timing.nextInt(250));
            for (String line : lines) {
                assertFalse(line.startsWith("MISMATCH"), "seed " + seed + ": " + line);
            }
            int synced = 0;
            for (String line : lines) {
                if (line.startsWith("SYNCED ")) {
                    synced = Integer.parseInt(line.substring(7));
                }
            }
            int applied = matchingPrefix(dir, ventiDir, rootCtime, history.toString(), seed, synced);
            if (applied < CrashWorker.MAX_OPS) {
                killedMidway++;
            }
            totalSynced += synced;
            totalApplied += applied;
            history.append(history.length() == 0 ? "" : ",").append(seed).append(':').append(applied);
        }
        System.out.printf("{\"kills\": %d, \"snapshots\": %b, \"opsSynced\": %d, \"opsSurvived\": %d}%n", kills,
                ventiDir != null, totalSynced, totalApplied);
        if (ventiDir != null) {
            assertTrue(inodesWithBases(dir) > 0, "some file content should have moved to Venti");
        }
        assertTrue(killedMidway >= kills / 2, "most kills should land while operations run, not after");
    }

    private static List<String> runAndKill(Path dir, Path ventiDir, long rootCtime, String history, long seed,
                                           int delayMs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName(),
                dir.toString(), Long.toString(rootCtime), history, Long.toString(seed));
        if (ventiDir != null) {
            pb.command().add(ventiDir.toString());
        }
        pb.redirectErrorStream(true);
        Process child = pb.start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the child died mid-line; what was read is what counts
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (lines) {
            while (!lines.contains("READY") && child.isAlive() && System.nanoTime() < deadline) {
                lines.wait(50);
            }
            if (!lines.contains("READY")) {
                child.destroyForcibly();
                fail("the worker did not start: " + lines);
            }
        }
        Thread.sleep(delayMs);
        child.destroyForcibly();
        child.waitFor();
        reader.join();
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    private static int inodesWithBases(Path dir) throws IOException {
        int[] count = {0};
        try (Cache cache = Cache.open(dir, null); var txn = cache.environment().env.txnRead()) {
            KeyScan.forEach(cache.environment().inodes, txn, new byte[0], (k, v) -> {
                count[0] += InodeRecord.decode(v).hasBase() ? 1 : 0;
                return true;
            });
        }
        return count[0];
    }

    /** The number of this round's operations the reopened cache holds, at least {@code synced}. */
    static int matchingPrefix(Path dir, Path ventiDir, long rootCtime, String history, long seed,
                                      int synced) throws IOException {
        TreeModel model = CrashWorker.replay(rootCtime, history);
        long t = CrashWorker.time(history);
        try (LocalVenti venti = ventiDir == null ? null : LocalVenti.open(ventiDir);
             Cache cache = Cache.open(dir, venti)) {
            ConsistencyCheck.verify(cache);
            String actual = TreeDump.of(cache);
            RandomOps ops = new RandomOps(seed, CrashWorker.MAX_OFFSET);
            for (int applied = 0; applied <= CrashWorker.MAX_OPS; applied++) {
                if (applied >= synced) {
                    TreeModel restarted = model.copy();
                    restarted.restart();
                    if (TreeDump.of(restarted).equals(actual)) {
                        return applied;
                    }
                    if (applied > synced + 2000) {
                        break;
                    }
                }
                model.now = CrashWorker.clock(t++);
                RandomOps.apply(ops.next(model), model);
            }
            TreeModel synced0 = CrashWorker.replay(rootCtime, history);
            assertEquals(TreeDump.of(synced0), actual, "seed " + seed + ": the cache matches no state after op "
                    + synced + " (the last synced)");
            throw new AssertionError("unreachable");
        }
    }
}

package org.ventifs.venti.local;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;

/** A writer killed with SIGKILL loses nothing it saw synced. */
class LocalVentiCrashTest {
    @TempDir
    Path dir;

    @Test
    void everyBlockAcknowledgedBySyncSurvivesSigkill() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            List<String> lines = runAndKill(round, 20 * (round + 1), 50L * round);
            acknowledged.addAll(lines);
            try (LocalVenti store = LocalVenti.open(dir, LocalVentiTest.SMALL)) {
                for (String line : acknowledged) {
                    String[] f = line.split(" ");
                    BlockType type = BlockType.fromApi(Integer.parseInt(f[0]));
                    Score score = Score.parse(f[1]);
                    byte[] block = store.get(score, type);
                    assertEquals(score, Score.of(block));
                }
            }
        }
        assertTrue(acknowledged.size() > 20, "the writer got far enough: " + acknowledged.size() + " blocks");
    }

    /**
     * Starts a CrashingWriter, waits until it has acknowledged {@code acknowledged}
     * blocks (however loaded the machine), lets it run {@code millis} more, kills it,
     * and returns its acknowledgements.
     */
    private List<String> runAndKill(int seed, int acknowledged, long millis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(), dir.toString(),
                Integer.toString(seed));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process child = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch enough = new CountDownLatch(acknowledged);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.matches("\\d+ [0-9a-f]{40}")) {
                        lines.add(line);
                        enough.countDown();
                    }
                }
            } catch (IOException e) {
                // The pipe breaks when the child dies; what was read is what counts.
            }
        });
        reader.start();
        assertTrue(enough.await(120, TimeUnit.SECONDS), "the writer acknowledged " + acknowledged + " blocks");
        Thread.sleep(millis);
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        reader.join(30_000);
        assertNotEquals(0, child.exitValue(), "the writer was killed, not finished");
        return new ArrayList<>(lines);
    }
}

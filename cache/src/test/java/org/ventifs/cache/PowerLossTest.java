package org.ventifs.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power loss at any moment. A child JVM runs random operations with syncs (CrashWorker)
 * under an LD_PRELOAD library (src/test/c/writelog.c) that logs, in order, every write to
 * the cache's data.mdb and every flush of it. From that log the test builds what a disk
 * may hold after power fails at a random point: every write before the last flush, and
 * each 512-byte sector written since, or not, at random. Each such image must open with no
 * repair step as a consistent tree that holds every operation synced before the cut (a
 * prefix of the operations).
 */
class PowerLossTest {
    private static final int OPS = Integer.getInteger("cache.powerloss.ops", 3000);
    private static final int CUTS = Integer.getInteger("cache.powerloss.cuts", 150);
    private static final int SECTOR = 512;

    @TempDir
    Path tmp;

    @Test
    void everyPowerLossLeavesAConsistentTreeWithEverySyncedChange() throws Exception {
        Path library = compileWriteLog();
        Path dir = tmp.resolve("cache");
        Cache.format(dir, 64 << 20, 512, 0, 0);
        long rootCtime;
        try (Cache cache = Cache.open(dir, null)) {
            rootCtime = cache.getattr(Cache.ROOT).ctimeNs();
        }
        byte[] formatted = Files.readAllBytes(dir.resolve("data.mdb"));
        Path log = tmp.resolve("writes.log");
        long seed = new Random().nextInt(1 << 30);
        runLogged(library, log, dir, rootCtime, seed);
        List<Event> events = Event.parse(Files.readAllBytes(log));
        long flushes = events.stream().filter(e -> e.type == 'S').count();
        assertTrue(flushes > 20, "the worker synced: " + flushes + " flushes");

        Random random = new Random(seed);
        int beyondLastSync = 0;
        for (int trial = 0; trial < CUTS; trial++) {
            int cut = random.nextInt(events.size() + 1);
            Path image = tmp.resolve("power-lost-" + trial);
            Files.createDirectories(image);
            int synced = writeImage(formatted, events, cut, random, image.resolve("data.mdb"));
            try {
                int applied = CrashTest.matchingPrefix(image, null, rootCtime, "", seed, synced);
                beyondLastSync += applied > synced ? 1 : 0;
            } catch (Exception | AssertionError e) {
                throw new AssertionError("seed " + seed + ", power lost before event " + cut + " of " + events.size()
                        + " (" + synced + " operations synced): " + e, e);
            }
        }
        System.out.printf("{\"powerLossCuts\": %d, \"events\": %d, \"flushes\": %d, \"cutsWithUnsyncedOpsKept\": %d}%n",
                CUTS, events.size(), flushes, beyondLastSync);
    }

    /**
     * Writes the disk as a power loss just before event {@code cut} may leave it and returns
     * the last count of operations the worker reported synced before that point.
     */
    private static int writeImage(byte[] formatted, List<Event> events, int cut, Random random, Path file)
            throws IOException {
        int lastFlush = 0;
        int synced = 0;
        for (int i = 0; i < cut; i++) {
            if (events.get(i).type == 'S') {
                lastFlush = i + 1;
            } else if (events.get(i).type == 'M') {
                synced = Integer.parseInt(new String(events.get(i).bytes, StandardCharsets.US_ASCII).strip());
            }
        }
        Disk disk = new Disk(formatted);
        for (int i = 0; i < lastFlush; i++) {
            disk.apply(events.get(i), null);
        }
        for (int i = lastFlush; i < cut; i++) {
            disk.apply(events.get(i), random);
        }
        Files.write(file, disk.bytes());
        return synced;
    }

    /** Runs CrashWorker under the write log until it reports all its operations synced. */
    private static void runLogged(Path library, Path log, Path dir, long rootCtime, long seed) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Dcrash.maxOps=" + OPS, "-Dcrash.marker=" + dir.resolve("power-marker"),
                "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName(),
                dir.toString(), Long.toString(rootCtime), "", Long.toString(seed));
        pb.environment().put("LD_PRELOAD", library.toString());
        pb.environment().put("VENTIFS_WRITE_LOG", log.toString());
        pb.redirectErrorStream(true);
        Process child = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith("MISMATCH")) {
                    fail("seed " + seed + ": " + line);
                }
                if (line.equals("SYNCED " + OPS)) {
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(lines.contains("SYNCED " + OPS), "the worker finished: " + lines);
    }

    /** Builds src/test/c/writelog.c with the machine's C compiler. */
    private Path compileWriteLog() throws Exception {
        Path source = Path.of("src/test/c/writelog.c").toAbsolutePath();
        Path library = tmp.resolve("libwritelog.so");
        Process cc = new ProcessBuilder("gcc", "-O2", "-shared", "-fPIC", "-Wall", "-o", library.toString(),
                source.toString(), "-ldl").redirectErrorStream(true).start();
        String output = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, cc.waitFor(), "gcc (the README's test command installs it) failed: " + output);
        return library;
    }

    /** One record of the write log (see writelog.c). */
    private record Event(char type, long offset, byte[] bytes) {
        static List<Event> parse(byte[] log) {
            ByteBuffer in = ByteBuffer.wrap(log).order(ByteOrder.LITTLE_ENDIAN);
            List<Event> events = new ArrayList<>();
            while (in.hasRemaining()) {
                char type = (char) in.get();
                switch (type) {
                    case 'W' -> {
                        long offset = in.getLong();
                        byte[] bytes = new byte[in.getInt()];
                        in.get(bytes);
                        events.add(new Event(type, offset, bytes));
                    }
                    case 'M' -> {
                        byte[] bytes = new byte[in.getInt()];
                        in.get(bytes);
                        events.add(new Event(type, 0, bytes));
                    }
                    case 'T' -> events.add(new Event(type, in.getLong(), null));
                    case 'S' -> events.add(new Event(type, 0, null));
                    default -> throw new AssertionError("bad record type " + (int) type + " in the write log");
                }
            }
            return events;
        }
    }

    /** The file as the disk holds it. */
    private static final class Disk {
        private byte[] bytes;
        private int length;

        Disk(byte[] formatted) {
            bytes = formatted.clone();
            length = formatted.length;
        }

        /** Applies a write or size change: whole when {@code random} is null, else sector by sector at random. */
        void apply(Event e, Random random) {
            if (e.type == 'T') {
                if (random == null || random.nextBoolean()) {
                    resize((int) e.offset);
                    length = (int) e.offset;
                }
            } else if (e.type == 'W') {
                int end = (int) e.offset + e.bytes.length;
                if (end > length) {
                    resize(end);
                }
                for (int at = 0; at < e.bytes.length; ) {
                    int sectorEnd = (int) Math.min(e.bytes.length, ((e.offset + at) / SECTOR + 1) * SECTOR - e.offset);
                    if (random == null || random.nextBoolean()) {
                        System.arraycopy(e.bytes, at, bytes, (int) e.offset + at, sectorEnd - at);
                        length = Math.max(length, (int) e.offset + sectorEnd);
                    }
                    at = sectorEnd;
                }
            }
        }

        private void resize(int size) {
            if (size > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size, bytes.length * 2));
            } else {
                Arrays.fill(bytes, size, bytes.length, (byte) 0);
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, length);
        }
    }
}

package org.ventifs.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.local.LocalVenti;

/**
 * Random sequences of every operation, run on the cache and on {@link TreeModel}: every
 * outcome (attributes, bytes read, listings, errors) must agree, frozen views must equal the
 * model as of their freeze, and the tables must stay consistent. Rerun one sequence with
 * {@code -Dcache.model.seed=N}; change the count with {@code -Dcache.model.sequences=N}.
 */
class ModelBasedTest {
    private static final int STEPS = Integer.getInteger("cache.model.steps", 60);

    @TempDir
    Path diskTmp;
    private Path tmp;
    private LocalVenti venti;

    /** Semantics, not durability, are tested here: use memory when we can, since every format and close syncs. */
    @BeforeEach
    void pickScratch() throws IOException {
        Path shm = Path.of("/dev/shm");
        tmp = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "ventifs-cache-model") : diskTmp;
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (venti != null) {
            venti.close();
        }
        if (!tmp.equals(diskTmp)) {
            try (Stream<Path> walk = Files.walk(tmp)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void cacheAgreesWithTheModel() throws IOException {
        venti = LocalVenti.open(tmp.resolve("venti"));
        String one = System.getProperty("cache.model.seed");
        if (one != null) {
            runSequence(Long.parseLong(one));
            return;
        }
        int sequences = Integer.getInteger("cache.model.sequences", 2000);
        long base = new Random().nextLong() & 0xffffffffL;
        for (int i = 0; i < sequences; i++) {
            runSequence(base + i);
        }
    }

    private void runSequence(long seed) throws IOException {
        try {
            runChecked(seed);
        } catch (AssertionError | IOException | RuntimeException e) {
            throw new AssertionError("sequence with seed " + seed + " failed (rerun with -Dcache.model.seed="
                    + seed + "): " + e.getMessage(), e);
        }
    }

    private void runChecked(long seed) throws IOException {
        Path dir = tmp.resolve("seq" + seed);
        Cache.format(dir, 16 << 20, 512, 0, 0);
        long[] clock = {1_000_000_000L};
        Cache cache = Cache.open(dir, new VacBaseReader(venti), () -> clock[0]);
        TreeModel model = new TreeModel(0, 0, cache.getattr(Cache.ROOT).ctimeNs());
        TreeOps tree = TreeOps.of(cache);
        RandomOps ops = new RandomOps(seed, 2000);
        Random choices = new Random(~seed);
        TreeModel retired = model.copy();
        FrozenTree view = null;
        TreeModel atFreeze = null;
        try {
            for (int step = 0; step < STEPS; step++) {
                clock[0] += 1000;
                model.now = clock[0];
                if (view == null && choices.nextInt(15) == 0) {
                    view = cache.freeze();
                    trace("freeze at step " + step + " epoch " + view.epoch() + " changed " + view.changedInodes());
                    atFreeze = model.copy();
                    checkChangedSet(retired, atFreeze, view);
                } else if (view != null && choices.nextInt(10) == 0) {
                    assertEquals(TreeDump.of(atFreeze), TreeDump.of(view), "frozen view at step " + step);
                    if (choices.nextInt(3) == 0) {
                        view.close();
                        trace("closed view at step " + step);
                    } else {
                        cache.retire(view.epoch(), TestArchiver.archive(view, venti));
                        retired = atFreeze;
                        trace("retired at step " + step);
                        assertEquals(TreeDump.of(model), TreeDump.of(cache), "tree after retiring at step " + step);
                    }
                    view = null;
                }
                RandomOps.Op op = ops.next(model);
                String want = RandomOps.apply(op, model);
                String got = RandomOps.apply(op, tree);
                trace(step + " " + op + " -> " + got);
                assertEquals(want, got, "step " + step + " " + op);
            }
            if (view != null) {
                assertEquals(TreeDump.of(atFreeze), TreeDump.of(view), "frozen view at the end");
                view.close();
            }
            assertEquals(TreeDump.of(model), TreeDump.of(cache), "tree at the end");
            ConsistencyCheck.verify(cache);
            if (choices.nextInt(4) == 0) {
                cache.close();
                cache = Cache.open(dir, new VacBaseReader(venti), () -> clock[0]);
                model.restart();
                assertEquals(TreeDump.of(model), TreeDump.of(cache), "tree after reopening");
                ConsistencyCheck.verify(cache);
            }
        } finally {
            cache.close();
        }
    }

    private static void trace(String line) {
        if (System.getProperty("cache.model.trace") != null) {
            System.err.println(line);
        }
    }

    /** Every inode that differs between the last retired state and the frozen one must be in the view's changed set. */
    private static void checkChangedSet(TreeModel before, TreeModel frozen, FrozenTree view) throws IOException {
        TreeSet<Long> changed = new TreeSet<>(view.changedInodes());
        for (long ino : frozen.nodes.keySet()) {
            if (!signature(before, ino).equals(signature(frozen, ino))) {
                assertTrue(changed.contains(ino), "inode " + ino + " changed but is not in " + changed);
            }
        }
    }

    private static String signature(TreeModel m, long ino) throws IOException {
        TreeModel.Node n = m.nodes.get(ino);
        if (n == null) {
            return "none";
        }
        StringBuilder s = new StringBuilder(m.attr(ino).toString()).append(HexFormat.of().formatHex(n.data));
        n.xattrs.forEach((k, v) -> s.append(k).append(HexFormat.of().formatHex(v)));
        List<DirEntry> entries = n.type == FileType.DIRECTORY ? m.readdir(ino, 0, Integer.MAX_VALUE) : List.of();
        entries.forEach(e -> s.append(e.name()).append(e.ino()));
        return s.toString();
    }
}

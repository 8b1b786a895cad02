package org.ventifs.cache;

import java.nio.file.Path;
import java.util.Random;
import org.ventifs.venti.local.LocalVenti;

/**
 * The child process of {@link CrashTest}: replays the earlier rounds into a model, then runs
 * random operations on the cache (checking each against the model) and syncs now and then,
 * printing {@code SYNCED n} once n operations are durable, until it is killed.
 * Arguments: cache directory, root ctime, history ("seed:count,..."), this round's seed, and
 * optionally a LocalVenti directory: then it also freezes, archives the changed files into
 * that store, syncs it and retires, now and then (what the snapshot layer will do).
 * System properties: {@code crash.maxOps} (default {@link #MAX_OPS}) operations to run, and
 * {@code crash.marker}, a file to write n into after each sync too (for {@link PowerLossTest}).
 */
public final class CrashWorker {
    static final int MAX_OFFSET = 3000;
    static final int MAX_OPS = 20000;

    private CrashWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long rootCtime = Long.parseLong(args[1]);
        long seed = Long.parseLong(args[3]);
        long[] now = {0};
        TreeModel model = replay(rootCtime, args[2]);
        long t = time(args[2]);
        LocalVenti venti = args.length > 4 ? LocalVenti.open(Path.of(args[4])) : null;
        try (Cache cache = Cache.open(dir, venti == null ? null : new VacBaseReader(venti), () -> now[0])) {
            TreeOps tree = TreeOps.of(cache);
            RandomOps ops = new RandomOps(seed, MAX_OFFSET);
            Random syncs = new Random(seed * 31);
            int maxOps = Integer.getInteger("crash.maxOps", MAX_OPS);
            String marker = System.getProperty("crash.marker");
            System.out.println("READY");
            System.out.flush();
            for (int done = 0; done < maxOps; ) {
                now[0] = clock(t++);
                model.now = now[0];
                RandomOps.Op op = ops.next(model);
                String want = RandomOps.apply(op, model);
                String got = RandomOps.apply(op, tree);
                done++;
                if (!want.equals(got)) {
                    System.out.println("MISMATCH at " + done + " " + op + ": model " + want + " cache " + got);
                    System.out.flush();
                    System.exit(3);
                }
                if (venti != null && syncs.nextInt(40) == 0) {
                    FrozenTree view = cache.freeze();
                    java.util.Map<Long, byte[]> bases = TestArchiver.archive(view, venti);
                    venti.sync();
                    cache.retire(view.epoch(), bases);
                }
                if (syncs.nextInt(16) == 0) {
                    cache.sync();
                    if (marker != null) {
                        java.nio.file.Files.writeString(Path.of(marker), Integer.toString(done));
                    }
                    System.out.println("SYNCED " + done);
                    System.out.flush();
                }
            }
            cache.sync();
            System.out.println("SYNCED " + maxOps);
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    /** The model after the rounds of {@code history}, each followed by a restart. */
    static TreeModel replay(long rootCtime, String history) {
        TreeModel model = new TreeModel(0, 0, rootCtime);
        long t = 0;
        for (String round : history.isEmpty() ? new String[0] : history.split(",")) {
            String[] parts = round.split(":");
            RandomOps ops = new RandomOps(Long.parseLong(parts[0]), MAX_OFFSET);
            int count = Integer.parseInt(parts[1]);
            for (int i = 0; i < count; i++) {
                model.now = clock(t++);
                try {
                    RandomOps.apply(ops.next(model), model);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }
            model.restart();
        }
        return model;
    }

    /** The operations done in all the rounds of {@code history}. */
    static long time(String history) {
        long t = 0;
        for (String round : history.isEmpty() ? new String[0] : history.split(",")) {
            t += Long.parseLong(round.split(":")[1]);
        }
        return t;
    }

    /** The clock reading during operation number {@code t}. */
    static long clock(long t) {
        return 1_000_000_000L + t * 1000;
    }
}

package org.ventifs.snapshot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.ventifs.cache.Attr;
import org.ventifs.cache.AttrChange;
import org.ventifs.cache.Cache;
import org.ventifs.cache.ErrnoException;
import org.ventifs.cache.XattrMode;

/**
 * Threads making random changes to a cache's tree (writes across blocks, truncates,
 * renames, links, deletes, directories, modes, xattrs) until closed. {@link #pause()}
 * waits for the operations in flight and holds the others, so a test can freeze and read
 * the model of the tree at one instant.
 */
final class WriterPool implements AutoCloseable {
    private static final String[] DIRS = {"", "d1", "d2", "d1/e"};
    private static final String[] NAMES = {"f0", "f1", "f2", "f3", "f4"};

    private final Cache cache;
    private final List<Thread> threads = new ArrayList<>();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final AtomicLong operations = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stop;

    WriterPool(Cache cache, int threadCount, long seed) {
        this.cache = cache;
        for (int i = 0; i < threadCount; i++) {
            Random random = new Random(seed * 31 + i);
            threads.add(new Thread(() -> run(random), "writer " + i));
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    void pause() {
        gate.writeLock().lock();
    }

    void resume() {
        gate.writeLock().unlock();
    }

    long operations() {
        return operations.get();
    }

    private void run(Random random) {
        while (!stop) {
            gate.readLock().lock();
            try {
                step(random);
                operations.incrementAndGet();
            } catch (ErrnoException expected) {
                // ENOENT, EEXIST, ENOTEMPTY...: the other threads moved things
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                return;
            } finally {
                gate.readLock().unlock();
            }
        }
    }

    private long dir(Random random) throws IOException {
        long ino = Cache.ROOT;
        String path = DIRS[random.nextInt(DIRS.length)];
        if (!path.isEmpty()) {
            for (String part : path.split("/")) {
                ino = cache.lookup(ino, part).ino();
            }
        }
        return ino;
    }

    private void step(Random random) throws IOException {
        long dir = dir(random);
        String name = NAMES[random.nextInt(NAMES.length)];
        int op = random.nextInt(100);
        if (op < 40) {
            Attr f;
            try {
                f = cache.lookup(dir, name);
            } catch (ErrnoException e) {
                f = cache.create(dir, name, 0644, 1000, 1000);
            }
            byte[] bytes = new byte[1 + random.nextInt(3 * DataDir.BLOCK_SIZE)];
            random.nextBytes(bytes);
            cache.write(f.ino(), random.nextInt(12 * DataDir.BLOCK_SIZE), bytes, 0, bytes.length);
        } else if (op < 52) {
            cache.setattr(cache.lookup(dir, name).ino(),
                    AttrChange.none().withSize(random.nextInt(14 * DataDir.BLOCK_SIZE)));
        } else if (op < 62) {
            cache.rename(dir, name, dir(random), NAMES[random.nextInt(NAMES.length)]);
        } else if (op < 70) {
            cache.unlink(dir, name);
        } else if (op < 76) {
            cache.link(cache.lookup(dir, name).ino(), dir(random), NAMES[random.nextInt(NAMES.length)]);
        } else if (op < 84) {
            String d = random.nextBoolean() ? "d1" : "d2";
            if (random.nextBoolean()) {
                cache.mkdir(Cache.ROOT, d, 0755, 1000, 1000);
                cache.mkdir(cache.lookup(Cache.ROOT, "d1").ino(), "e", 0700, 1000, 1000);
            } else {
                cache.rmdir(dir, name);
            }
        } else if (op < 92) {
            cache.setattr(cache.lookup(dir, name).ino(), AttrChange.none().withPerm(random.nextInt(01000)));
        } else {
            cache.setxattr(cache.lookup(dir, name).ino(), "user.v" + random.nextInt(3),
                    new byte[] {(byte) random.nextInt()}, XattrMode.UPSERT);
        }
    }

    /** Stops the threads and rethrows the first unexpected failure. */
    @Override
    public void close() throws Exception {
        stop = true;
        for (Thread t : threads) {
            t.join();
        }
        Throwable t = failure.get();
        if (t instanceof Exception e) {
            throw e;
        }
        if (t != null) {
            throw new AssertionError(t);
        }
    }
}

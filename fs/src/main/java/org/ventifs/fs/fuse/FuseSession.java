package org.ventifs.fs.fuse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Serves one mount: worker threads each read a request from the kernel, handle it,
 * and write the answer, until the file system is unmounted. The kernel hands each
 * request to exactly one reader, so workers share nothing but the file system.
 */
public final class FuseSession implements AutoCloseable {
    private static final int ENOENT = 2;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int ENODEV = 19;

    private final FuseMount mount;
    private final RequestHandler handler;
    private final FuseConfig config;
    private final List<Thread> workers = new ArrayList<>();
    private final CountDownLatch stopped;
    private volatile Throwable failure;

    private FuseSession(FuseMount mount, FuseFileSystem fs, FuseConfig config) {
        this.mount = mount;
        this.config = config;
        this.handler = new RequestHandler(fs, config);
        this.stopped = new CountDownLatch(config.threads());
    }

    /** Starts serving {@code fs} on {@code mount} with {@code config.threads()} workers. */
    public static FuseSession start(FuseMount mount, FuseFileSystem fs, FuseConfig config) {
        FuseSession s = new FuseSession(mount, fs, config);
        for (int i = 0; i < config.threads(); i++) {
            Thread t = new Thread(s::serve, "fuse-worker-" + i);
            t.setDaemon(true);
            s.workers.add(t);
            t.start();
        }
        return s;
    }

    /** Blocks until the kernel closes the connection (the file system was unmounted). */
    public void awaitUnmount() throws InterruptedException {
        stopped.await();
    }

    /** The error that stopped a worker, or null when the connection simply ended. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Unmounts (lazily: files still open keep working until closed) and waits up to
     * {@code timeout} for the workers to finish; when they have, releases the
     * connection and returns true.
     */
    public boolean closeWithin(long timeout, java.util.concurrent.TimeUnit unit)
            throws IOException, InterruptedException {
        mount.unmount();
        if (!stopped.await(timeout, unit)) {
            return false;
        }
        mount.close();
        return true;
    }

    /**
     * Unmounts (if the mount is still there), waits for the workers to finish, and
     * releases the connection.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        mount.unmount();
        stopped.await();
        mount.close();
    }

    private void serve() {
        try {
            Runtime rt = Native.runtime();
            Native.LibC libc = Native.libc();
            // Reads may be as large as MAX_PAGES allows, whatever max_write is.
            int bufferSize = FuseConfig.MAX_WRITE_LIMIT + 4096;
            ByteBuffer in = ByteBuffer.allocateDirect(bufferSize).order(ByteOrder.nativeOrder());
            ByteBuffer out = ByteBuffer.allocateDirect(bufferSize).order(ByteOrder.nativeOrder());
            Pointer inPtr = Pointer.wrap(rt, in);
            Pointer outPtr = Pointer.wrap(rt, out);
            Request req = new Request(in);
            Reply reply = new Reply(out);
            int fd = mount.fd();
            while (true) {
                long n = libc.read(fd, inPtr, bufferSize);
                if (n < 0) {
                    int errno = Native.errno();
                    if (errno == EINTR || errno == EAGAIN || errno == ENOENT) {
                        continue;
                    }
                    if (errno != ENODEV) {
                        failure = new java.io.IOException("reading /dev/fuse failed with errno " + errno);
                    }
                    return;
                }
                if (n == 0) {
                    return;
                }
                if (!req.parse((int) n)) {
                    System.err.println("ventifs: ignoring a malformed FUSE request of " + n + " bytes");
                    continue;
                }
                handler.handle(req, reply);
                if (reply.silent) {
                    continue;
                }
                long w = libc.write(fd, outPtr, out.limit());
                if (w < 0) {
                    int errno = Native.errno();
                    // ENOENT: the request was interrupted and the kernel no longer waits for it.
                    if (errno == ENODEV) {
                        return;
                    }
                    if (errno != ENOENT) {
                        System.err.println("ventifs: answering FUSE request " + req.opcode + " failed, errno " + errno);
                    }
                }
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            stopped.countDown();
        }
    }
}

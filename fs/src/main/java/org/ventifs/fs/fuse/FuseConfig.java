package org.ventifs.fs.fuse;

/**
 * How the engine talks to the kernel.
 *
 * @param threads          worker threads reading requests
 * @param maxWrite         largest write the kernel may send (bytes, a multiple of 4096, at most 1 MiB)
 * @param entryTimeout     seconds the kernel may cache a name lookup
 * @param attrTimeout      seconds the kernel may cache attributes
 * @param negativeTimeout  seconds the kernel may cache "no such name" (0 = never)
 * @param writebackCache   let the kernel gather small writes in its page cache
 * @param keepCache        let the kernel keep a file's cached pages from one open to the next
 */
public record FuseConfig(int threads, int maxWrite, double entryTimeout, double attrTimeout,
                         double negativeTimeout, boolean writebackCache, boolean keepCache) {
    /** The largest max_write the kernel accepts (256 pages). */
    public static final int MAX_WRITE_LIMIT = 1 << 20;

    public FuseConfig {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (maxWrite < 4096 || maxWrite > MAX_WRITE_LIMIT || maxWrite % 4096 != 0) {
            throw new IllegalArgumentException("max_write must be a multiple of 4096 from 4096 to 1 MiB, not " + maxWrite);
        }
        if (entryTimeout < 0 || attrTimeout < 0 || negativeTimeout < 0) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
    }

    /** The settings ventifs is tuned with (docs/performance.md says what each gave). */
    public static FuseConfig tuned() {
        return new FuseConfig(Math.max(4, 2 * java.lang.Runtime.getRuntime().availableProcessors()),
                MAX_WRITE_LIMIT, 1.0, 1.0, 0.0, true, false);
    }

    /**
     * The settings ventifs mounts with: {@link #tuned()}, each overridden by its
     * {@code ventifs.fuse.*} system property when set (for measuring, see {@link FuseTuning}).
     */
    public static FuseConfig defaults() {
        return FuseTuning.apply(tuned(), System.getProperties());
    }
}

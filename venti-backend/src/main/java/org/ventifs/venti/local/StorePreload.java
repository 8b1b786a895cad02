package org.ventifs.venti.local;

import org.lmdbjava.Meta;
import org.ventifs.venti.Score;

/**
 * What the embedded store needs ready before its first block, done ahead: LMDB bound
 * through jnr-ffi (whose binding generates classes, about 0.15 s), LZ4 loaded through
 * JNI (unpacked from its jar), and SHA-1 hot enough that the JIT has compiled it to
 * the CPU's SHA instructions (until then it runs ten times slower). A short command
 * does this on another thread while it parses its arguments.
 */
public final class StorePreload {
    /**
     * Blocks to hash so that the JIT compiles SHA-1's block loop (16 MiB at the
     * launcher's thresholds; fewer did not get it compiled before the command's own).
     */
    private static final int WARM_UP_BLOCKS = 2048;

    private StorePreload() {
    }

    /** Binds the store's native libraries (LMDB, LZ4); their first use then finds them ready. */
    public static void bind() {
        Meta.version();
        byte[] block = new byte[8192];
        ClumpCodec.encode(0, Score.of(block), block, 0, block.length);
    }

    /** Hashes enough for the JIT to compile SHA-1 to the CPU's SHA instructions. */
    public static void warmSha1() {
        byte[] block = new byte[8192];
        for (int i = 0; i < WARM_UP_BLOCKS; i++) {
            Score.of(block);
        }
    }
}

package org.ventifs.venti.local;

import org.lmdbjava.Meta;
import org.ventifs.venti.Score;

/**
 * The native code the embedded store binds on first use: LMDB through jnr-ffi
 * (whose binding generates classes, about 0.15 s), LZ4 through JNI (unpacked from
 * its jar), and the SHA-1 provider. A short command loads them on another thread
 * while it parses its arguments, so that it starts work sooner.
 */
public final class NativeLibraries {
    private NativeLibraries() {
    }

    /** Binds and initializes the store's native libraries; the first use then finds them ready. */
    public static void load() {
        Meta.version();
        ClumpCodec.encode(0, Score.of(new byte[0]), new byte[0], 0, 0);
    }
}

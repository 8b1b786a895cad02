package org.ventifs.venti;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Venti's zero truncation: before a block is stored, leaves drop trailing zero
 * bytes and pointer blocks drop trailing slots holding the zero score; a reader
 * pads back to the expected size the same way. Root blocks are never truncated.
 */
public final class ZeroTruncation {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ZeroTruncation() {
    }

    /** Returns how many of the first {@code length} bytes of {@code data} remain after truncation. */
    public static int truncatedLength(BlockType type, byte[] data, int offset, int length) {
        if (type == BlockType.ROOT) {
            return length;
        }
        if (type.isPointer()) {
            // A part-slot at the end (psize not a multiple of 20) is unused space: dropped as
            // plan9port drops it, so scores match, but only when it is zero, so no byte is lost.
            int n = length - length % Score.SIZE;
            for (int i = n; i < length; i++) {
                if (data[offset + i] != 0) {
                    return length;
                }
            }
            while (n >= Score.SIZE && Score.ZERO.matches(data, offset + n - Score.SIZE)) {
                n -= Score.SIZE;
            }
            return n;
        }
        int n = length;
        while (n >= Long.BYTES && (long) LONGS.get(data, offset + n - Long.BYTES) == 0) {
            n -= Long.BYTES; // eight bytes a step: a leaf's zero tail can be most of 56 KiB
        }
        while (n > 0 && data[offset + n - 1] == 0) {
            n--;
        }
        return n;
    }

    /**
     * Returns {@code stored} padded to {@code size} bytes: zero bytes for leaves and
     * roots, zero scores for pointer blocks (a trailing part-slot is zero bytes).
     * Returns {@code stored} itself when it already has that size.
     *
     * @throws IllegalArgumentException when {@code stored} is longer than {@code size}
     */
    public static byte[] pad(BlockType type, byte[] stored, int size) {
        if (stored.length == size) {
            return stored;
        }
        if (stored.length > size) {
            throw new IllegalArgumentException("a " + stored.length + "-byte block does not fit the "
                    + size + " bytes expected");
        }
        byte[] out = Arrays.copyOf(stored, size);
        if (type.isPointer()) {
            for (int at = stored.length; at + Score.SIZE <= size; at += Score.SIZE) {
                Score.ZERO.copyTo(out, at);
            }
        }
        return out;
    }
}

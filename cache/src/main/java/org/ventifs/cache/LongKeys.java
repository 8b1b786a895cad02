package org.ventifs.cache;

import java.nio.ByteBuffer;

/**
 * Keys made of big-endian unsigned 64-bit numbers, optionally followed by a name, so that
 * LMDB's byte order is numeric order and all keys sharing a leading number are adjacent.
 */
final class LongKeys {
    private LongKeys() {
    }

    /** The 8-byte key of one number. */
    static byte[] of(long a) {
        return ByteBuffer.allocate(8).putLong(a).array();
    }

    /** The 16-byte key of two numbers. */
    static byte[] of(long a, long b) {
        return ByteBuffer.allocate(16).putLong(a).putLong(b).array();
    }

    /** The key of the numbers {@code a}, {@code b} followed by {@code tail}. */
    static byte[] of(long a, long b, byte[] tail) {
        return ByteBuffer.allocate(16 + tail.length).putLong(a).putLong(b).put(tail).array();
    }

    /** The key of the number {@code a} followed by {@code tail}. */
    static byte[] of(long a, byte[] tail) {
        return ByteBuffer.allocate(8 + tail.length).putLong(a).put(tail).array();
    }

    /** The {@code index}-th number (0-based) of a key, failing clearly when {@code key} is too short. */
    static long number(byte[] key, int index, String what) {
        if (key.length < 8 * (index + 1)) {
            throw new CorruptRecordException(what + " key of " + key.length + " bytes is too short");
        }
        return ByteBuffer.wrap(key).getLong(8 * index);
    }

    /** The bytes after the first {@code numbers} numbers of {@code key}. */
    static byte[] tail(byte[] key, int numbers, String what) {
        if (key.length < 8 * numbers) {
            throw new CorruptRecordException(what + " key of " + key.length + " bytes is too short");
        }
        return java.util.Arrays.copyOfRange(key, 8 * numbers, key.length);
    }

    /** Fails unless {@code key} is exactly {@code length} bytes. */
    static byte[] requireLength(byte[] key, int length, String what) {
        if (key.length != length) {
            throw new CorruptRecordException(what + " key must be " + length + " bytes, not " + key.length);
        }
        return key;
    }
}

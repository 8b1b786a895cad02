package org.ventifs.cache;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/** Reading a record's fields with a clear error when the bytes run out. */
final class Decoding {
    private Decoding() {
    }

    /** Wraps {@code bytes} for decoding the record named {@code what}, failing when shorter than {@code min}. */
    static ByteBuffer reader(byte[] bytes, int min, String what) {
        if (bytes.length < min) {
            throw new CorruptRecordException(what + " needs at least " + min + " bytes, got " + bytes.length);
        }
        return ByteBuffer.wrap(bytes);
    }

    /** Reads {@code length} bytes, failing with a message naming {@code what} when fewer remain. */
    static byte[] take(ByteBuffer in, int length, String what) {
        if (length < 0 || length > in.remaining()) {
            throw new CorruptRecordException(what + " claims " + length + " bytes but " + in.remaining() + " remain");
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    /** Fails unless {@code in} is used up exactly. */
    static void requireEnd(ByteBuffer in, String what) {
        if (in.hasRemaining()) {
            throw new CorruptRecordException(what + " has " + in.remaining() + " stray bytes at its end");
        }
    }

    /** Runs a decoder, turning a buffer underflow into a clear error naming {@code what}. */
    static <T> T run(String what, java.util.function.Supplier<T> decoder) {
        try {
            return decoder.get();
        } catch (BufferUnderflowException e) {
            throw new CorruptRecordException(what + " is truncated");
        }
    }
}

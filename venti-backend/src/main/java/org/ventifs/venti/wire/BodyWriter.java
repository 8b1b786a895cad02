package org.ventifs.venti.wire;

import java.nio.charset.StandardCharsets;
import org.ventifs.venti.Score;

/**
 * Builds one message body ({@code type[1] tag[1]} and the fields) in big-endian order,
 * into a buffer sized by the caller so that large messages are written without copying.
 */
final class BodyWriter {
    private final byte[] buf;
    private int size;

    /** Starts a body of exactly {@code length} bytes with its type and tag. */
    BodyWriter(int length, int type, int tag) {
        buf = new byte[length];
        u8(type);
        u8(tag);
    }

    BodyWriter u8(int v) {
        buf[size++] = (byte) v;
        return this;
    }

    BodyWriter u16(int v) {
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    BodyWriter u32(int v) {
        u16(v >>> 16);
        return u16(v);
    }

    BodyWriter zeros(int n) {
        size += n; // a new array is already zero
        return this;
    }

    BodyWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    BodyWriter bytes(byte[] b, int offset, int length) {
        System.arraycopy(b, offset, buf, size, length);
        size += length;
        return this;
    }

    BodyWriter score(Score s) {
        s.copyTo(buf, size);
        size += Score.SIZE;
        return this;
    }

    /** A string: length[2] and its UTF-8 bytes. */
    BodyWriter string(byte[] utf8) {
        return u16(utf8.length).bytes(utf8);
    }

    /** A byte array: n[1] and n bytes. */
    BodyWriter byteArray(byte[] b) {
        return u8(b.length).bytes(b);
    }

    /** Returns the body; fails when the size announced at construction was wrong. */
    byte[] finish() {
        if (size != buf.length) {
            throw new IllegalStateException("message body is " + size + " bytes, " + buf.length + " planned");
        }
        return buf;
    }

    /**
     * Returns the UTF-8 bytes of a protocol string.
     *
     * @throws IllegalArgumentException when it holds NUL or exceeds {@link BodyReader#MAX_STRING} bytes
     */
    static byte[] utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > BodyReader.MAX_STRING || s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a Venti string holds at most " + BodyReader.MAX_STRING
                    + " bytes and no NUL: " + (s.length() > 40 ? s.substring(0, 40) + "..." : s));
        }
        return b;
    }

    /** Bytes that {@code b} takes as a string field. */
    static int stringSize(byte[] utf8) {
        return 2 + utf8.length;
    }
}

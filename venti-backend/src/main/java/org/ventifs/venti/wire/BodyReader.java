package org.ventifs.venti.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ventifs.venti.Score;

/**
 * Reads the fields of one message body after its type and tag, checking every
 * length against what is left; a short or malformed field is a
 * {@link ProtocolException} that names the message and carries its tag.
 */
final class BodyReader {
    /** The longest protocol string, in UTF-8 bytes. */
    static final int MAX_STRING = 1024;

    private final byte[] body;
    private final String name;
    private final int tag;
    private int at = 2;

    BodyReader(byte[] body, String name) {
        this.body = body;
        this.name = name;
        this.tag = body[1] & 0xff;
    }

    int remaining() {
        return body.length - at;
    }

    int u8() throws ProtocolException {
        need(1, "a byte");
        return body[at++] & 0xff;
    }

    int u16() throws ProtocolException {
        need(2, "a 2-byte field");
        int v = ((body[at] & 0xff) << 8) | (body[at + 1] & 0xff);
        at += 2;
        return v;
    }

    long u32() throws ProtocolException {
        need(4, "a 4-byte field");
        long v = ((long) u16() << 16) | u16();
        return v;
    }

    void skip(int n) throws ProtocolException {
        need(n, n + " pad bytes");
        at += n;
    }

    Score score() throws ProtocolException {
        need(Score.SIZE, "a score");
        Score s = Score.fromBytes(body, at);
        at += Score.SIZE;
        return s;
    }

    /** A string: length[2] and at most 1024 bytes of UTF-8 without NUL. */
    String string(String field) throws ProtocolException {
        int n = u16();
        if (n > MAX_STRING) {
            throw fail(field + " is " + n + " bytes, more than the " + MAX_STRING + " allowed");
        }
        need(n, field + " of " + n + " bytes");
        for (int i = at; i < at + n; i++) {
            if (body[i] == 0) {
                throw fail(field + " holds a NUL byte");
            }
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, at, n)).toString();
            at += n;
            return s;
        } catch (CharacterCodingException e) {
            throw fail(field + " is not UTF-8");
        }
    }

    /** A byte array: n[1] and n bytes. */
    byte[] byteArray(String field) throws ProtocolException {
        int n = u8();
        need(n, field + " of " + n + " bytes");
        return take(n);
    }

    /** The rest of the body. */
    byte[] rest() {
        return take(remaining());
    }

    /** Fails unless every byte of the body was read. */
    void end() throws ProtocolException {
        if (remaining() != 0) {
            throw fail(remaining() + " unexpected bytes at the end");
        }
    }

    ProtocolException fail(String what) {
        return new ProtocolException("malformed " + name + ": " + what, tag);
    }

    private byte[] take(int n) {
        byte[] b = Arrays.copyOfRange(body, at, at + n);
        at += n;
        return b;
    }

    private void need(int n, String what) throws ProtocolException {
        if (remaining() < n) {
            throw fail("truncated: " + what + " needs " + n + " bytes, " + remaining() + " left");
        }
    }
}

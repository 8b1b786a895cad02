package org.ventifs.fs.fuse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One request read from the kernel: struct fuse_in_header (40 bytes) and its body,
 * in a native-order buffer whose position walks through the body.
 */
final class Request {
    static final int HEADER_SIZE = 40;
    /** Linux's NAME_MAX: the kernel leaves the check to the file system. */
    static final int NAME_MAX = 255;

    private static final ThreadLocal<CharsetDecoder> UTF8 = ThreadLocal.withInitial(() ->
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));

    final ByteBuffer buf;
    int opcode;
    long unique;
    long nodeid;
    Caller caller;

    Request(ByteBuffer buf) {
        this.buf = buf;
    }

    /** Parses the header of the {@code length} bytes now in the buffer. */
    boolean parse(int length) {
        buf.clear().limit(length);
        if (length < HEADER_SIZE || buf.getInt(0) != length) {
            return false;
        }
        opcode = buf.getInt(4);
        unique = buf.getLong(8);
        nodeid = buf.getLong(16);
        caller = new Caller(buf.getInt(24), buf.getInt(28), buf.getInt(32));
        int extensions = (buf.getShort(36) & 0xffff) * 8;
        buf.position(HEADER_SIZE);
        buf.limit(length - extensions);
        return true;
    }

    int u32() {
        return buf.getInt();
    }

    long u64() {
        return buf.getLong();
    }

    void skip(int n) {
        buf.position(buf.position() + n);
    }

    /** Reads a NUL-terminated name: UTF-8, at most NAME_MAX bytes. */
    String name() throws FuseException {
        int start = buf.position();
        int end = start;
        while (end < buf.limit() && buf.get(end) != 0) {
            end++;
        }
        if (end >= buf.limit()) {
            throw new FuseException(Errno.EINVAL, "unterminated name");
        }
        buf.position(end + 1);
        if (end - start > NAME_MAX) {
            throw new FuseException(Errno.ENAMETOOLONG);
        }
        ByteBuffer slice = buf.duplicate().position(start).limit(end);
        try {
            return UTF8.get().decode(slice).toString();
        } catch (CharacterCodingException e) {
            // Names travel to vac as UTF-8 strings, as Plan 9 requires.
            throw new FuseException(Errno.EILSEQ, "name is not UTF-8");
        }
    }

    /** Reads NUL-terminated bytes (a symlink target). */
    byte[] cString() throws FuseException {
        int start = buf.position();
        int end = start;
        while (end < buf.limit() && buf.get(end) != 0) {
            end++;
        }
        if (end >= buf.limit()) {
            throw new FuseException(Errno.EINVAL, "unterminated string");
        }
        byte[] out = new byte[end - start];
        buf.get(out);
        buf.get();
        return out;
    }

    /** Reads the next {@code n} bytes. */
    byte[] bytes(int n) throws FuseException {
        if (n < 0 || n > buf.remaining()) {
            throw new FuseException(Errno.EINVAL, "short request");
        }
        byte[] out = new byte[n];
        buf.get(out);
        return out;
    }
}

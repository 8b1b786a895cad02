package org.ventifs.venti.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The two framings of the Venti protocol, one per version: every message body is
 * preceded by its length, 2 bytes big-endian in version 02 and 4 bytes in 04. The
 * length excludes itself. Both framings carry at most {@link #MAX_MESSAGE} bytes,
 * which holds the largest block with room to spare; a reader never allocates more.
 */
public enum Framing {
    V02("02", 2),
    V04("04", 4);

    /** The longest message body either side sends or accepts. */
    public static final int MAX_MESSAGE = 65535;

    private final String version;
    private final int prefixBytes;

    Framing(String version, int prefixBytes) {
        this.version = version;
        this.prefixBytes = prefixBytes;
    }

    /** The version string as it appears in the handshake and in Thello ("02" or "04"). */
    public String version() {
        return version;
    }

    /** Returns the framing of version {@code v}, or empty when we do not speak it. */
    public static Optional<Framing> ofVersion(String v) {
        for (Framing f : values()) {
            if (f.version.equals(v)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads one framed message body.
     *
     * @return the body, or null when the stream ends cleanly before a new frame
     * @throws FrameTooLargeException when the length prefix exceeds {@link #MAX_MESSAGE}
     *         (nothing of the body has been read or allocated)
     * @throws EOFException when the stream ends inside a frame
     */
    public byte[] read(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        long length = first;
        for (int i = 1; i < prefixBytes; i++) {
            length = (length << 8) | readByte(in, "length prefix");
        }
        if (length > MAX_MESSAGE) {
            throw new FrameTooLargeException(length);
        }
        byte[] body = new byte[(int) length];
        int got = in.readNBytes(body, 0, body.length);
        if (got != body.length) {
            throw new EOFException("truncated frame: the connection ended after " + got + " of "
                    + length + " announced bytes");
        }
        return body;
    }

    /**
     * Writes {@code body} with its length prefix (the caller flushes).
     *
     * @throws IllegalArgumentException when the body exceeds {@link #MAX_MESSAGE}
     */
    public void write(OutputStream out, byte[] body) throws IOException {
        if (body.length > MAX_MESSAGE) {
            throw new IllegalArgumentException("a " + body.length + "-byte message exceeds the protocol's "
                    + MAX_MESSAGE);
        }
        for (int shift = 8 * (prefixBytes - 1); shift >= 0; shift -= 8) {
            out.write(body.length >>> shift);
        }
        out.write(body);
    }

    private static int readByte(InputStream in, String what) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("truncated frame: the connection ended inside the " + what);
        }
        return b;
    }

    /** A length prefix beyond {@link #MAX_MESSAGE}: the stream cannot be trusted after it. */
    public static final class FrameTooLargeException extends ProtocolException {
        FrameTooLargeException(long length) {
            super("a frame announces " + length + " bytes, more than the protocol's maximum of " + MAX_MESSAGE);
        }
    }
}

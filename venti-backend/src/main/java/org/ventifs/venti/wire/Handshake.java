package org.ventifs.venti.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The version line each side sends when a connection opens:
 * {@code venti-} + colon-separated versions + {@code -} + a free comment + newline,
 * for example {@code venti-04:02-libventi}. A line holds only bytes 0x20..0x7E and,
 * newline included, fewer than {@link #MAX_LINE} bytes.
 */
public record Handshake(List<String> versions, String comment) {
    /** Lines must be shorter than this many bytes, newline included. */
    public static final int MAX_LINE = 1024;

    private static final String PREFIX = "venti-";

    /** The line a ventifs client or server sends: both versions, 04 preferred. */
    public static final Handshake OURS = new Handshake(List.of(Framing.V04.version(), Framing.V02.version()),
            "ventifs");

    /** A handshake offering {@code versions} (non-empty, no ':' '-' or newline) with a comment. */
    public Handshake {
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a handshake offers at least one version");
        }
        for (String v : versions) {
            if (v.isEmpty() || v.contains(":") || v.contains("-") || !printable(v)) {
                throw new IllegalArgumentException("not a version name: " + v);
            }
        }
        if (!printable(comment)) {
            throw new IllegalArgumentException("a handshake comment holds only printable ASCII: " + comment);
        }
    }

    /** Returns the line with its newline. */
    public byte[] encode() {
        byte[] line = (PREFIX + String.join(":", versions) + "-" + comment + "\n").getBytes(StandardCharsets.US_ASCII);
        if (line.length >= MAX_LINE) {
            throw new IllegalArgumentException("a handshake line must be shorter than " + MAX_LINE + " bytes");
        }
        return line;
    }

    /**
     * Parses a line without its newline. The comment may hold '-'; a line with no
     * comment at all ({@code venti-02}) is accepted with an empty comment.
     *
     * @throws ProtocolException when the line does not start with "venti-", holds a byte
     *         outside 0x20..0x7E, or names no version
     */
    public static Handshake decode(String line) throws ProtocolException {
        if (!line.startsWith(PREFIX)) {
            throw new ProtocolException("the peer's version line does not begin with \"venti-\": " + quote(line));
        }
        if (!printable(line) || line.length() >= MAX_LINE) {
            throw new ProtocolException("the peer's version line holds bytes outside 0x20..0x7E: " + quote(line));
        }
        String rest = line.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        String list = dash < 0 ? rest : rest.substring(0, dash);
        String comment = dash < 0 ? "" : rest.substring(dash + 1);
        try {
            return new Handshake(List.of(list.split(":", -1)), comment);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("the peer's version line names no usable version list: " + quote(line));
        }
    }

    /**
     * Reads one line from {@code in}, consuming exactly its bytes and newline, and parses it.
     *
     * @throws ProtocolException when the line is too long or malformed (reading stops at
     *         {@link #MAX_LINE} bytes)
     * @throws EOFException when the stream ends before the newline
     */
    public static Handshake read(InputStream in) throws IOException {
        byte[] line = new byte[MAX_LINE];
        for (int n = 0; n < MAX_LINE; n++) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection ended inside the version line after " + n + " bytes");
            }
            if (b == '\n') {
                return decode(new String(line, 0, n, StandardCharsets.ISO_8859_1));
            }
            if (b < 0x20 || b > 0x7e) {
                throw new ProtocolException("the peer's version line holds byte 0x" + Integer.toHexString(b)
                        + " at position " + n);
            }
            line[n] = (byte) b;
        }
        throw new ProtocolException("the peer's version line is " + MAX_LINE + " bytes or longer");
    }

    /** Writes the line (the caller flushes). */
    public void write(OutputStream out) throws IOException {
        out.write(encode());
    }

    /** Returns the first version in this (the peer's) list that we speak, as the rule says. */
    public Optional<Framing> choose() {
        for (String v : versions) {
            Optional<Framing> f = Framing.ofVersion(v);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    private static boolean printable(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    private static String quote(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return "\"" + cut + "\"";
    }
}

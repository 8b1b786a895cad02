package org.ventifs.venti;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Venti score: the 20-byte SHA-1 of a block's stored (zero-truncated) bytes.
 * Immutable; equal scores name the same bytes.
 */
public final class Score implements Comparable<Score> {
    /** Bytes in a score. */
    public static final int SIZE = 20;

    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(Score::newSha1);

    /** The score of the empty block, {@code da39a3ee5e6b4b0d3255bfef95601890afd80709}. */
    public static final Score ZERO = of(new byte[0]);

    private final byte[] bytes;

    private Score(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Returns the SHA-1 score of {@code data}. */
    public static Score of(byte[] data) {
        return of(data, 0, data.length);
    }

    /** Returns the SHA-1 score of {@code length} bytes of {@code data} from {@code offset}. */
    public static Score of(byte[] data, int offset, int length) {
        MessageDigest sha1 = SHA1.get();
        sha1.update(data, offset, length);
        return new Score(sha1.digest());
    }

    /** Returns the score held in 20 bytes of {@code buf} at {@code offset} (a copy). */
    public static Score fromBytes(byte[] buf, int offset) {
        if (offset < 0 || offset + SIZE > buf.length) {
            throw new IllegalArgumentException("a score needs 20 bytes at offset " + offset
                    + " of a " + buf.length + "-byte buffer");
        }
        return new Score(Arrays.copyOfRange(buf, offset, offset + SIZE));
    }

    /** Returns the score held in exactly 20 bytes (a copy). */
    public static Score fromBytes(byte[] twentyBytes) {
        if (twentyBytes.length != SIZE) {
            throw new IllegalArgumentException("a score is 20 bytes, not " + twentyBytes.length);
        }
        return fromBytes(twentyBytes, 0);
    }

    /**
     * Parses 40 hexadecimal digits (either case), optionally prefixed {@code vac:}.
     *
     * @throws IllegalArgumentException naming the text when it is not a score
     */
    public static Score parse(String text) {
        String hex = text.startsWith("vac:") ? text.substring(4) : text;
        if (hex.length() != 2 * SIZE) {
            throw new IllegalArgumentException("not a score (want 40 hex digits): " + text);
        }
        try {
            return new Score(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a score (want 40 hex digits): " + text, e);
        }
    }

    /** Whether this is the score of the empty block. */
    public boolean isZero() {
        return equals(ZERO);
    }

    /** Returns a copy of the 20 bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Copies the 20 bytes into {@code dst} at {@code offset}. */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, SIZE);
    }

    /** Whether the 20 bytes of {@code buf} at {@code offset} equal this score. */
    public boolean matches(byte[] buf, int offset) {
        return Arrays.equals(bytes, 0, SIZE, buf, offset, offset + SIZE);
    }

    /** Returns the byte at {@code i} (0..19). */
    public byte byteAt(int i) {
        return bytes[i];
    }

    /** The score as 40 lowercase hexadecimal digits. */
    @Override
    public String toString() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Score other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        // SHA-1 output is uniform: its first four bytes are a fine hash.
        return (bytes[0] << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
    }

    @Override
    public int compareTo(Score o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        }
    }
}

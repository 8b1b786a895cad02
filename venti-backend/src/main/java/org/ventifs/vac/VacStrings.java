package org.ventifs.vac;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Vac's strings: length[2] then that many bytes of UTF-8, no NUL. */
final class VacStrings {
    private VacStrings() {
    }

    /** Returns the encoded length of {@code s}: 2 plus its UTF-8 bytes. */
    static int length(String s) {
        return 2 + s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Reads one string.
     *
     * @throws VacFormatException when the buffer runs short
     */
    static String get(ByteBuffer in) {
        try {
            int n = in.getShort() & 0xffff;
            byte[] bytes = new byte[n];
            in.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (BufferUnderflowException e) {
            throw new VacFormatException("a string runs past the end of its record");
        }
    }

    /**
     * Appends one string.
     *
     * @throws VacFormatException when it holds more than 65535 bytes
     */
    static void put(ByteBuffer out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xffff) {
            throw new VacFormatException("a string of " + bytes.length + " bytes is too long for vac");
        }
        out.putShort((short) bytes.length).put(bytes);
    }
}

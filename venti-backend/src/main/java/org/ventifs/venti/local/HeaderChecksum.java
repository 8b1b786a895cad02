package org.ventifs.venti.local;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The CRC-32C that guards every fixed-size header of the store's files, so that a
 * torn or garbage header is told from a real one.
 */
final class HeaderChecksum {
    private HeaderChecksum() {
    }

    /** Returns the CRC-32C of {@code length} bytes of {@code bytes} from {@code offset}, as an int. */
    static int of(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** Writes the checksum of the {@code covered} bytes before it at the buffer's position. */
    static void append(ByteBuffer buf, int start, int covered) {
        buf.putInt(of(buf.array(), buf.arrayOffset() + start, covered));
    }

    /**
     * Checks the frame of a fixed-size structure of {@code size} bytes at {@code offset}:
     * that it is all there, starts with {@code magic}, and ends with the checksum of
     * the bytes before it; returns a buffer over the bytes after the magic.
     *
     * @throws FormatException naming {@code what} when any of that fails
     */
    static ByteBuffer checkFrame(byte[] bytes, int offset, int size, int magic, String what) throws FormatException {
        if (bytes.length - offset < size) {
            throw new FormatException(what + " cut short: " + Math.max(0, bytes.length - offset) + " of " + size
                    + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, size);
        if (in.getInt() != magic) {
            throw new FormatException("no " + what + " magic");
        }
        if (!verifies(bytes, offset, size - 4)) {
            throw new FormatException(what + " checksum mismatch");
        }
        return in;
    }

    /** Whether the int at {@code covered} in {@code bytes} from {@code offset} is the checksum of the bytes before it. */
    static boolean verifies(byte[] bytes, int offset, int covered) {
        return ByteBuffer.wrap(bytes, offset + covered, 4).getInt() == of(bytes, offset, covered);
    }
}

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

    /** Whether the int at {@code covered} in {@code bytes} from {@code offset} is the checksum of the bytes before it. */
    static boolean verifies(byte[] bytes, int offset, int covered) {
        return ByteBuffer.wrap(bytes, offset + covered, 4).getInt() == of(bytes, offset, covered);
    }
}

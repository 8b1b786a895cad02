package org.ventifs.cache;

import java.nio.ByteBuffer;

/** The value of the {@code names} table: the entry's cookie and the inode it names (16 bytes). */
record NameTarget(long cookie, long ino) {
    byte[] encode() {
        return LongKeys.of(cookie, ino);
    }

    static NameTarget decode(byte[] value) {
        LongKeys.requireLength(value, 16, "name target");
        ByteBuffer in = ByteBuffer.wrap(value);
        return new NameTarget(in.getLong(), in.getLong());
    }
}

package org.ventifs.cache;

import java.nio.charset.StandardCharsets;

/** The key of the {@code names} table: directory inode, then the name's UTF-8 bytes. */
record NameKey(long dir, String name) {
    byte[] encode() {
        return LongKeys.of(dir, name.getBytes(StandardCharsets.UTF_8));
    }

    static NameKey decode(byte[] key) {
        return new NameKey(LongKeys.number(key, 0, "name"),
                new String(LongKeys.tail(key, 1, "name"), StandardCharsets.UTF_8));
    }
}

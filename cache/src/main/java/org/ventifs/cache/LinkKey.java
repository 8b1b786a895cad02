package org.ventifs.cache;

import java.nio.charset.StandardCharsets;

/**
 * The key of the {@code links} table, the reverse index from an inode to the directory
 * entries naming it: inode, parent directory, then the name's UTF-8 bytes. The value is one zero byte.
 */
record LinkKey(long ino, long parent, String name) {
    byte[] encode() {
        return LongKeys.of(ino, parent, name.getBytes(StandardCharsets.UTF_8));
    }

    static LinkKey decode(byte[] key) {
        return new LinkKey(LongKeys.number(key, 0, "link"), LongKeys.number(key, 1, "link"),
                new String(LongKeys.tail(key, 2, "link"), StandardCharsets.UTF_8));
    }
}

package org.ventifs.cache;

/** The key of the {@code blocks} table: inode, block number (16 bytes). */
record BlockKey(long ino, long blockNo) {
    byte[] encode() {
        return LongKeys.of(ino, blockNo);
    }

    static BlockKey decode(byte[] key) {
        LongKeys.requireLength(key, 16, "block");
        return new BlockKey(LongKeys.number(key, 0, "block"), LongKeys.number(key, 1, "block"));
    }
}

package org.ventifs.cache;

/** The key of the {@code changed} table: epoch, inode (16 bytes); the value is one zero byte. */
record ChangedKey(long epoch, long ino) {
    byte[] encode() {
        return LongKeys.of(epoch, ino);
    }

    static ChangedKey decode(byte[] key) {
        LongKeys.requireLength(key, 16, "changed");
        return new ChangedKey(LongKeys.number(key, 0, "changed"), LongKeys.number(key, 1, "changed"));
    }
}

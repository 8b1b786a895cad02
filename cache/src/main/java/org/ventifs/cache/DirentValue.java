package org.ventifs.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The value of the {@code dirents} table: child inode (8), type code (1), name bytes. */
record DirentValue(long ino, FileType type, String name) {
    byte[] encode() {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(9 + nameBytes.length).putLong(ino).put((byte) type.code()).put(nameBytes).array();
    }

    static DirentValue decode(byte[] value) {
        return Decoding.run("dirent", () -> {
            ByteBuffer in = Decoding.reader(value, 10, "dirent");
            long ino = in.getLong();
            int code = in.get();
            FileType type;
            try {
                type = FileType.ofCode(code);
            } catch (IllegalArgumentException e) {
                throw new CorruptRecordException("dirent has unknown type code " + code);
            }
            return new DirentValue(ino, type, new String(Decoding.take(in, in.remaining(), "dirent name"),
                    StandardCharsets.UTF_8));
        });
    }
}

package org.ventifs.cache;

/** The kind of an inode, with its {@code S_IFMT} bits and its one-byte code in the cache format. */
public enum FileType {
    REGULAR(0100000, 1), DIRECTORY(0040000, 2), SYMLINK(0120000, 3), FIFO(0010000, 4),
    CHAR_DEVICE(0020000, 5), BLOCK_DEVICE(0060000, 6), SOCKET(0140000, 7);

    /** The mask of the type bits in a mode. */
    public static final int S_IFMT = 0170000;

    private final int modeBits;
    private final int code;

    FileType(int modeBits, int code) {
        this.modeBits = modeBits;
        this.code = code;
    }

    /** The {@code S_IF*} bits of this type. */
    public int modeBits() {
        return modeBits;
    }

    /** The code stored in inode records and directory entries (docs/cache-format.md). */
    int code() {
        return code;
    }

    /** The type whose {@code S_IF*} bits are in {@code mode}, or null when they name none. */
    public static FileType ofMode(int mode) {
        for (FileType t : values()) {
            if ((mode & S_IFMT) == t.modeBits) {
                return t;
            }
        }
        return null;
    }

    /** The type stored as {@code code}. @throws IllegalArgumentException when no type has that code */
    static FileType ofCode(int code) {
        for (FileType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("no file type has code " + code);
    }
}

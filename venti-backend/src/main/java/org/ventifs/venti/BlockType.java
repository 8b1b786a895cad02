package org.ventifs.venti;

/**
 * The type of a Venti block, in both numberings: the API number that tools and
 * libraries use, and the wire number that the protocol and the server's disk use.
 * Data pointers and dir pointers of one level share a wire number; a store keys
 * blocks by (score, wire number).
 */
public enum BlockType {
    DATA(0, 13),
    DATA_POINTER_1(1, 3), DATA_POINTER_2(2, 4), DATA_POINTER_3(3, 5), DATA_POINTER_4(4, 6),
    DATA_POINTER_5(5, 7), DATA_POINTER_6(6, 8), DATA_POINTER_7(7, 9),
    DIR(8, 2),
    DIR_POINTER_1(9, 3), DIR_POINTER_2(10, 4), DIR_POINTER_3(11, 5), DIR_POINTER_4(12, 6),
    DIR_POINTER_5(13, 7), DIR_POINTER_6(14, 8), DIR_POINTER_7(15, 9),
    ROOT(16, 1);

    /** The deepest pointer level a stream may have. */
    public static final int MAX_DEPTH = 7;

    private static final BlockType[] BY_API = values();

    private final int apiNumber;
    private final int wireNumber;

    BlockType(int apiNumber, int wireNumber) {
        this.apiNumber = apiNumber;
        this.wireNumber = wireNumber;
    }

    /** The number used by tools and APIs (data 0, data pointers 1..7, dir 8, dir pointers 9..15, root 16). */
    public int apiNumber() {
        return apiNumber;
    }

    /** The number used on the wire and on disk (root 1, dir 2, pointers 3..9, data 13). */
    public int wireNumber() {
        return wireNumber;
    }

    /** Whether this is a pointer block (its contents are 20-byte scores). */
    public boolean isPointer() {
        return level() > 0;
    }

    /** The pointer level: 0 for leaves (data, dir) and the root, 1..7 for pointer blocks. */
    public int level() {
        if (this == ROOT || this == DATA || this == DIR) {
            return 0;
        }
        return apiNumber < DIR.apiNumber ? apiNumber : apiNumber - DIR.apiNumber;
    }

    /** Whether this block belongs to a dir stream's tree (the dir leaf or a dir pointer). */
    public boolean isDirTree() {
        return apiNumber >= DIR.apiNumber && this != ROOT;
    }

    /** The type of the block at {@code level} of a data or dir stream's tree (level 0 is the leaf). */
    public static BlockType ofStream(boolean dir, int level) {
        if (level < 0 || level > MAX_DEPTH) {
            throw new IllegalArgumentException("stream level must be 0..7, not " + level);
        }
        return BY_API[(dir ? DIR.apiNumber : DATA.apiNumber) + level];
    }

    /**
     * Returns the type with API number {@code n}.
     *
     * @throws IllegalArgumentException when no type has that number
     */
    public static BlockType fromApi(int n) {
        if (n < 0 || n >= BY_API.length) {
            throw new IllegalArgumentException("no block type has API number " + n);
        }
        return BY_API[n];
    }

    /**
     * Returns the type with wire number {@code n}. Pointer levels come back as data
     * pointers, which share their wire number (and so their storage) with dir pointers.
     *
     * @throws IllegalArgumentException when no type has that number
     */
    public static BlockType fromWire(int n) {
        switch (n) {
            case 1: return ROOT;
            case 2: return DIR;
            case 13: return DATA;
            default:
                if (n >= 3 && n <= 9) {
                    return BY_API[n - 2];
                }
                throw new IllegalArgumentException("no block type has wire number " + n);
        }
    }
}

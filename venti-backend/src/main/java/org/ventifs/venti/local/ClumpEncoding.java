package org.ventifs.venti.local;

/** How a clump's data is stored: as is, or compressed. The number is the on-disk code. */
enum ClumpEncoding {
    /** The block's bytes, unchanged. */
    RAW(0),
    /** The LZ4 block format; the clump header holds the raw length. */
    LZ4(1);

    private final int code;

    ClumpEncoding(int code) {
        this.code = code;
    }

    /** The byte stored in a clump header. */
    int code() {
        return code;
    }

    /**
     * Returns the encoding stored as {@code code}.
     *
     * @throws FormatException when no encoding has that code
     */
    static ClumpEncoding ofCode(int code) throws FormatException {
        for (ClumpEncoding e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        throw new FormatException("unknown clump encoding " + code);
    }
}
